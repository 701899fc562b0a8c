import { readFileSync } from 'node:fs';
import { analyze } from '/work/main/server/src/core/analyze';
for (const f of process.argv.slice(2)) {
  const text = readFileSync(f, 'utf8');
  const a = analyze(text);
  console.log('==', f, 'isReport', a.model.isReport, 'title', a.model.reports[0].title?.agency, a.model.reports[0].title?.year, a.model.reports[0].title?.kind, 'sections', a.model.reports[0].sections.map(s=>s.number).join(','));
  for (const x of a.findings) console.log(`${a.model.lines.positionAt(x.span.start).line+1} ${x.severity} ${x.code} ${x.message}`);
  if (a.failures.length) console.log(a.failures);
}
