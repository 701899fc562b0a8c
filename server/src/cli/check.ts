/** `xxgk-report check <file or folder>...`: findings as text or JSON; exit 0 clean, 1 errors, 2 problems. */
import type { Analysis, Finding } from '../core/index';
import { core } from '../core-loader';
import type { Args } from './args';
import { type CliIO, cliOptions, documentOf, openFiles, shown, shownUri } from './common';
import { collectMarkdown } from '../workspace';

const COLOR: Record<Finding['severity'], string> = { error: '31', warning: '33', information: '36', hint: '36' };

/** The JSON form of one file's findings (ranges as in LSP: 0-based lines, UTF-16 characters). */
function jsonDiagnostics(analysis: Analysis, name: string): object[] {
  const lines = analysis.model.lines;
  return analysis.findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: { start: lines.positionAt(f.span.start), end: lines.positionAt(f.span.end) },
    // Related places (the cells summed, last year's report), only when a rule gives them.
    ...(f.related?.length
      ? {
          related: f.related.map((r) => ({
            message: r.message,
            file: r.uri !== undefined && r.range ? shownUri(r.uri) : name,
            range: r.uri !== undefined && r.range ? r.range : { start: lines.positionAt(r.span.start), end: lines.positionAt(r.span.end) },
          })),
        }
      : {}),
  }));
}

export async function check(args: Args, io: CliIO, usage: string): Promise<number> {
  if (!args.paths.length) {
    io.err(`${usage}\n`);
    return 2;
  }
  const problems: string[] = [];
  const warn = (m: string): void => io.err(`${m}\n`);
  const options = cliOptions(args, warn);
  const explicit = options.explicitConfig();
  if (explicit?.error) {
    io.err(`配置文件 ${args.config}：${explicit.error}\n`);
    return 2;
  }
  const files = collectMarkdown(args.paths, problems);
  const { service, inputs } = await openFiles(files, options, args.lang);
  const configErrors = new Set<string>();

  const results: { file: string; diagnostics: object[] }[] = [];
  let errors = 0,
    warnings = 0,
    reports = 0,
    others = 0;
  for (const input of inputs) {
    if (input.error) {
      problems.push(input.error);
      continue;
    }
    if (input.warning) io.err(`${input.warning}\n`);
    const name = shown(input.path);
    // The complete analysis (a batch check is a deliberate action: no budget cuts it), and the
    // document released after use, so that memory stays flat however many files are checked.
    const document = documentOf(input);
    const result = service.getCompleteResult(document);
    service.close(document.uri);
    for (const n of result.notices) {
      // One message per broken config file; rule and analysis failures name the file.
      if (n.code === 'config-error') {
        if (!configErrors.has(n.message)) {
          configErrors.add(n.message);
          problems.push(n.message);
        }
      } else problems.push(`${name}：${n.message}`);
    }
    const analysis = result.analysis;
    if (!analysis) continue;
    const options1 = options.optionsFor(input.uri);
    if (analysis.model.isReport || options1.forceReport) reports++;
    else others++;
    const lines = analysis.model.lines;
    // Only JSON keeps every file's diagnostics until the end; text is written as it goes.
    if (args.format === 'json') results.push({ file: name, diagnostics: jsonDiagnostics(analysis, name) });
    for (const f of analysis.findings) {
      if (f.severity === 'error') errors++;
      if (f.severity === 'warning') warnings++;
      if (args.format === 'text') {
        const p = lines.positionAt(f.span.start);
        const sev = core().SEVERITY_LABELS[f.severity][args.lang];
        const sevShown = args.color ? `\x1b[${COLOR[f.severity]}m${sev}\x1b[0m` : sev;
        io.out(`${name}:${p.line + 1}:${p.character + 1} ${sevShown} ${f.message} [${f.code}]\n`);
      }
    }
  }
  if (args.format === 'json') {
    io.out(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    const en = args.lang === 'en';
    const rest = others ? (en ? ` (${others} other Markdown file(s) are not reports)` : `（另有 ${others} 个 Markdown 文件不是年报）`) : '';
    io.out(
      en
        ? `${reports} report(s) checked${rest}: ${errors} error(s), ${warnings} warning(s)\n`
        : `检查了 ${reports} 份年报${rest}：${errors} 个错误，${warnings} 个警告\n`,
    );
    if (others && !reports && !problems.length)
      io.out(en ? 'No report found in the files given.\n' : '所给文件中没有找到政府信息公开工作年度报告。\n');
  }
  for (const p of problems) io.err(`${p}\n`);
  return problems.length ? 2 : errors ? 1 : 0;
}
