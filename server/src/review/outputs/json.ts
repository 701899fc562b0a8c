/**
 * 审阅结果.json, for scripts: the settings, the totals, and one entry per file with its
 * findings (1-based lines and columns, UTF-16 columns as the editor counts).
 */
import type { OutputContext, Sink } from './index';
import { TOOL_NAME, TOOL_VERSION, summaryByIndex, totals } from './common';

export function writeJson(ctx: OutputContext, sink: Sink): void {
  const head = {
    tool: TOOL_NAME,
    version: TOOL_VERSION,
    generated: ctx.generated.toISOString(),
    interrupted: ctx.interrupted,
    inputs: ctx.inputs,
    previous: ctx.previous,
    settings: ctx.settings,
    totals: totals(ctx.summaries),
    ranked: ctx.ranked,
  };
  const text = JSON.stringify(head, null, 2);
  sink.write(`${text.slice(0, text.lastIndexOf('}')).trimEnd()},\n  "reports": [`);
  const byIndex = summaryByIndex(ctx.summaries);
  let first = true;
  for (const r of ctx.records()) {
    const s = byIndex.get(r.index);
    const entry = {
      file: r.file,
      format: r.format,
      imported: r.imported,
      unit: r.unit ?? null,
      year: r.year ?? null,
      status: r.status,
      result: s?.result,
      reason: r.reason ?? null,
      errors: s?.errors ?? 0,
      warnings: s?.warnings ?? 0,
      score: s?.score ?? null,
      deductions: s?.deductions ?? [],
      rank: s?.rank ?? null,
      duplicateOf: r.duplicateOf ?? null,
      previousFile: r.previousFile ?? null,
      findings: r.findings,
    };
    sink.write(`${first ? '' : ','}\n    ${JSON.stringify(entry, null, 2).replace(/\n/g, '\n    ')}`);
    first = false;
  }
  sink.write(`${first ? '' : '\n  '}]\n}\n`);
}
