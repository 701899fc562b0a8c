/**
 * xxgk-report: the command-line checker over the same core as the language server.
 *
 *   xxgk-report check <file or folder>... [--format text|json] [--lang zh|en] [--config FILE]
 *   xxgk-report fix <file>            prints the text with all safe fixes applied (never writes files)
 *   xxgk-report rules                 lists the rules
 *
 * Exit codes: 0 no error found; 1 an error found; 2 a usage or I/O problem (the other files are still checked).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  AnalysisOptions, CONFIG_FILE_NAME, Finding, RULES, ReportSet, WorkspaceConfig, analyze, applyEdits, matchesInclude, mergeOptions,
  parseConfig, safeFixEdits,
} from './core/index';

const USAGE = `用法 / usage:
  xxgk-report check <文件或目录>... [--format text|json] [--lang zh|en] [--config 配置文件]
  xxgk-report fix <文件>        输出应用全部安全修复后的文本（不写文件）
  xxgk-report rules             列出全部规则
退出码：0 无错误；1 发现错误；2 用法或读写问题`;

interface Args {
  command?: string;
  paths: string[];
  format: 'text' | 'json';
  lang: 'zh' | 'en';
  config?: string;
  color: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { paths: [], format: 'text', lang: 'zh', color: !!process.stdout.isTTY && !process.env.NO_COLOR };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string): string | undefined => {
      if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} 需要一个值`);
      return v;
    };
    try {
      if (a === '--format' || a.startsWith('--format=')) {
        const v = value('--format');
        if (v !== 'text' && v !== 'json') return `--format 只能是 text 或 json：${v}`;
        args.format = v;
      } else if (a === '--lang' || a.startsWith('--lang=')) {
        const v = value('--lang');
        if (v !== 'zh' && v !== 'en') return `--lang 只能是 zh 或 en：${v}`;
        args.lang = v;
      } else if (a === '--config' || a.startsWith('--config=')) {
        args.config = value('--config');
      } else if (a === '--no-color') {
        args.color = false;
      } else if (a === '-h' || a === '--help') {
        args.command = 'help';
      } else if (a.startsWith('-')) {
        return `未知选项：${a}`;
      } else if (!args.command) {
        args.command = a;
      } else {
        args.paths.push(a);
      }
    } catch (e) {
      return (e as Error).message;
    }
  }
  return args;
}

interface Input { path: string; text?: string; error?: string; warning?: string }

/** Files named on the command line, and the Markdown files below named folders. */
function collect(paths: string[], problems: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string, found: string[]): void => {
    let names: string[];
    try { names = readdirSync(dir).sort(); } catch (e) { problems.push(`无法读取目录 ${dir}：${(e as Error).message}`); return; }
    for (const n of names) {
      if (n === 'node_modules' || n.startsWith('.')) continue;
      const p = join(dir, n);
      let st;
      const markdown = /\.(md|markdown)$/i.test(n);
      try { st = statSync(p); } catch { if (markdown) problems.push(`无法读取 ${p}：文件不存在（可能是失效的链接）`); continue; }
      if (st.isDirectory()) walk(p, found);
      // Only regular files: reading a FIFO or a device would block for ever.
      else if (markdown && st.isFile()) found.push(p);
      else if (markdown) problems.push(`${p} 不是普通文件，已跳过`);
    }
  };
  for (const p of paths) {
    let st;
    try { st = statSync(p); } catch { problems.push(`找不到文件或目录：${p}`); continue; }
    if (st.isDirectory()) {
      const found: string[] = [];
      walk(p, found);
      if (!found.length) problems.push(`目录 ${p} 中没有 Markdown 文件（.md）`);
      files.push(...found);
    } else if (st.isFile()) {
      files.push(p);
    } else {
      problems.push(`${p} 不是普通文件，已跳过`);
    }
  }
  return [...new Set(files)];
}

/** UTF-8 first; a GBK file is read as GBK and checked, with a warning (offsets are in the decoded text). */
function read(path: string): Input {
  let buf: Buffer;
  try { buf = readFileSync(path); } catch (e) { return { path, error: `无法读取 ${path}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }; }
  // UTF-16 with a byte order mark (Windows Notepad's "Unicode"): decode it, with a warning.
  const bom16 = buf[0] === 0xff && buf[1] === 0xfe ? 'utf-16le' : buf[0] === 0xfe && buf[1] === 0xff ? 'utf-16be' : undefined;
  if (bom16) {
    try {
      return { path, text: new TextDecoder(bom16, { fatal: true }).decode(buf), warning: `${path} 是 UTF-16 编码，已按 UTF-16 读取；请另存为 UTF-8` };
    } catch { return { path, error: `${path} 的 UTF-16 编码有误，无法读取` }; }
  }
  if (buf.includes(0)) return { path, error: `${path} 不是文本文件` };
  try {
    return { path, text: new TextDecoder('utf-8', { fatal: true }).decode(buf) };
  } catch {
    try {
      const text = new TextDecoder('gbk', { fatal: true }).decode(buf);
      return { path, text, warning: `${path} 不是 UTF-8 编码，已按 GBK 读取；请另存为 UTF-8` };
    } catch {
      return { path, error: `${path} 既不是 UTF-8 也不是 GBK 编码，无法读取` };
    }
  }
}

const configCache = new Map<string, WorkspaceConfig | undefined>();

/** The nearest .xxgk-report.json above a file (or the one given with --config). */
function configFor(file: string, explicit: WorkspaceConfig | undefined, problems: string[]): WorkspaceConfig | undefined {
  if (explicit) return explicit;
  let dir = dirname(resolve(file));
  for (;;) {
    if (configCache.has(dir)) return configCache.get(dir);
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) {
      const r = loadConfig(candidate, problems);
      configCache.set(dir, r);
      return r;
    }
    const parent = dirname(dir);
    if (parent === dir) { configCache.set(dir, undefined); return undefined; }
    dir = parent;
  }
}

function loadConfig(path: string, problems: string[]): WorkspaceConfig | undefined {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { problems.push(`无法读取配置文件 ${path}：${(e as Error).message}`); return undefined; }
  const r = parseConfig(text);
  for (const p of r.problems) process.stderr.write(`${path}：${p}\n`);
  return r.config;
}

const SEVERITY_ZH: Record<Finding['severity'], string> = { error: '错误', warning: '警告', information: '提示', hint: '提示' };
const COLOR: Record<Finding['severity'], string> = { error: '31', warning: '33', information: '36', hint: '36' };

function check(args: Args): number {
  const problems: string[] = [];
  if (!args.paths.length) { process.stderr.write(`${USAGE}\n`); return 2; }
  const explicit = args.config ? loadConfig(args.config, problems) : undefined;
  if (args.config && !explicit) { for (const p of problems) process.stderr.write(`${p}\n`); return 2; }
  const files = collect(args.paths, problems);
  const inputs = files.map(read);
  const set = new ReportSet();
  for (const i of inputs) if (i.text !== undefined) set.add(i.path, i.text.slice(0, 4096), () => i.text);

  const results: { file: string; diagnostics: object[] }[] = [];
  let errors = 0, warnings = 0, reportsChecked = 0;
  for (const input of inputs) {
    if (input.error) { problems.push(input.error); continue; }
    if (input.warning) process.stderr.write(`${input.warning}\n`);
    const config = configFor(input.path, explicit, problems);
    const options: AnalysisOptions = mergeOptions(config, { locale: args.lang });
    if (matchesInclude(relative(process.cwd(), resolve(input.path)), config?.include)) options.forceReport = true;
    let analysis;
    try {
      analysis = analyze(input.text!, options, set);
    } catch (e) {
      problems.push(`检查 ${input.path} 时出错：${(e as Error).message}`);
      continue;
    }
    if (analysis.model.isReport || options.forceReport) reportsChecked++;
    for (const f of analysis.failures) process.stderr.write(`规则 ${f.code} 在 ${input.path} 上出错（已跳过）：${f.error.split('\n')[0]}\n`);
    const lines = analysis.model.lines;
    const shown = relative(process.cwd(), input.path) || input.path;
    const diagnostics = analysis.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      range: { start: lines.positionAt(f.span.start), end: lines.positionAt(f.span.end) },
      // Related places (the cells summed, last year's report), only when a rule gives them.
      ...(f.related?.length ? {
        related: f.related.map((r) => ({
          message: r.message,
          file: r.uri !== undefined && r.range ? relative(process.cwd(), r.uri) || r.uri : shown,
          range: r.uri !== undefined && r.range ? r.range : { start: lines.positionAt(r.span.start), end: lines.positionAt(r.span.end) },
        })),
      } : {}),
    }));
    results.push({ file: shown, diagnostics });
    for (const f of analysis.findings) {
      if (f.severity === 'error') errors++;
      if (f.severity === 'warning') warnings++;
      if (args.format === 'text') {
        const p = lines.positionAt(f.span.start);
        const sev = args.lang === 'en' ? f.severity : SEVERITY_ZH[f.severity];
        const sevShown = args.color ? `\x1b[${COLOR[f.severity]}m${sev}\x1b[0m` : sev;
        process.stdout.write(`${shown}:${p.line + 1}:${p.character + 1} ${sevShown} ${f.message} [${f.code}]\n`);
      }
    }
  }
  if (args.format === 'json') {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    const summary = args.lang === 'en'
      ? `${files.length} file(s), ${reportsChecked} report(s) checked: ${errors} error(s), ${warnings} warning(s)`
      : `共 ${files.length} 个文件，检查了 ${reportsChecked} 份年报：${errors} 个错误，${warnings} 个警告`;
    process.stdout.write(`${summary}\n`);
    if (files.length && !reportsChecked && !problems.length) process.stdout.write(args.lang === 'en' ? 'No report found in the files given.\n' : '所给文件中没有找到政府信息公开工作年度报告。\n');
  }
  for (const p of problems) process.stderr.write(`${p}\n`);
  return problems.length ? 2 : errors ? 1 : 0;
}

function fix(args: Args): number {
  if (args.paths.length !== 1) { process.stderr.write(`${USAGE}\n`); return 2; }
  const input = read(args.paths[0]);
  if (input.error) { process.stderr.write(`${input.error}\n`); return 2; }
  const problems: string[] = [];
  const options = mergeOptions(configFor(input.path, args.config ? loadConfig(args.config, problems) : undefined, problems), { locale: args.lang });
  const analysis = analyze(input.text!, options);
  process.stdout.write(applyEdits(input.text!, safeFixEdits(analysis.findings)));
  return problems.length ? 2 : 0;
}

function listRules(args: Args): number {
  for (const r of RULES) {
    process.stdout.write(`${r.code.padEnd(22)} ${r.severity.padEnd(12)} ${args.lang === 'en' ? r.description.en : r.description.zh}\n`);
  }
  return 0;
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') { process.stderr.write(`${args}\n${USAGE}\n`); return 2; }
  switch (args.command) {
    case 'check': return check(args);
    case 'fix': return fix(args);
    case 'rules': return listRules(args);
    case 'help': process.stdout.write(`${USAGE}\n`); return 0;
    default: process.stderr.write(`${args.command ? `未知命令：${args.command}\n` : ''}${USAGE}\n`); return 2;
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`xxgk-report 内部错误：${(e as Error).stack ?? e}\n`);
  process.exitCode = 2;
}
