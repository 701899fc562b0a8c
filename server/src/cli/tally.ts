/**
 * `xxgk-report tally <register.xlsx|.xls|.csv> --year YYYY [-o OUT] [--format md|json]
 * [--map MAP.json] [--sheet NAME] [--check DRAFT.md] [--force]`: table 三 counted from the
 * request register. Prints the canonical table (or JSON: figures per cell and the register
 * rows behind each) on stdout; the counting basis, the rows it could not place and the
 * register checks (late answers, duplicate numbers, fees) on stderr. With --check, the draft is
 * checked against the register by the rule register-mismatch.
 *
 * Exit 0 done; 1 a row could not be placed or the draft differs from the register (the table
 * is still printed); 2 an unreadable file or a usage problem.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { RegisterConfig } from '../core/register/types';
import { core } from '../core-loader';
import type { Analysis } from '../core/index';
import { localize as say, type Locale } from '../core/message';
import type { RegisterTally } from '../core/register/types';
import { readInputFile } from '../input';
import type { OptionsResolver } from '../options';
import { registerModule, type RegisterFileRead, type RegisterSource } from '../service/register';
import type { ServiceConfig } from '../service/types';
import type { Args } from './args';
import { type CliIO, type Input, cliOptions, documentOf, openFiles, shown } from './common';

/** The --map file: the same shape as `register` in .xxgk-report.json, without the path; read and decoded as any input. */
function readMap(path: string, io: CliIO, lang: string): RegisterConfig | string {
  const r = readInputFile(path, 1024 * 1024, shown(path));
  if (r.text === undefined) return r.error ?? path;
  let value: unknown;
  try {
    value = JSON.parse(r.text);
  } catch (e) {
    return lang === 'en'
      ? `${shown(path)} is not valid JSON: ${(e as Error).message}`
      : `${shown(path)} 不是有效的 JSON：${(e as Error).message}`;
  }
  const problems: string[] = [];
  const setting = core().validateRegisterSetting(value, problems, false);
  for (const p of problems) io.err(`${shown(path)}：${p}\n`);
  return setting?.config ?? {};
}

/** The command's own arguments, checked; a number is the exit code of a usage error. */
function tallyArgs(args: Args, io: CliIO, usage: string): { registerPath: string; year?: number; draft?: string; out?: string } | number {
  const en = args.lang === 'en';
  const format = args.options.format ?? 'md';
  const out = (args.options.o ?? args.options.out) as string | true | undefined;
  const yearText = args.options.year;
  const draft = args.options.check;
  if (args.paths.length !== 1 || (format !== 'md' && format !== 'json') || out === true || yearText === true || draft === true) {
    io.err(`${usage}\n`);
    return 2;
  }
  const year = typeof yearText === 'string' ? Number(yearText) : undefined;
  if (year !== undefined && !(Number.isInteger(year) && year >= 1990 && year <= 2100)) {
    io.err(en ? `--year must be a year like 2023: ${String(yearText)}\n` : `--year 应为四位年份，如 2023：${String(yearText)}\n`);
    return 2;
  }
  return { registerPath: resolve(args.paths[0]), year, draft, out };
}

/** The mapping: --map, else `register` of the .xxgk-report.json that applies to the register file; --sheet on top. */
function registerConfig(args: Args, io: CliIO, resolver: OptionsResolver, registerPath: string): RegisterConfig | undefined {
  let config: RegisterConfig = resolver.configFor(registerPath)?.config.register?.config ?? {};
  if (typeof args.options.map === 'string') {
    const map = readMap(args.options.map, io, args.lang);
    if (typeof map === 'string') {
      io.err(`${map}\n`);
      return undefined;
    }
    config = map;
  }
  return typeof args.options.sheet === 'string' ? { ...config, sheet: args.options.sheet } : config;
}

/** The CLI's options with the register of the command as every document's register (for --check). */
function withRegister(base: OptionsResolver, source: RegisterSource): ServiceConfig {
  return {
    get locale() {
      return base.locale;
    },
    get maxDocumentBytes() {
      return base.maxDocumentBytes;
    },
    optionsFor: (uri) => base.optionsFor(uri),
    problemsFor: (uri) => base.problemsFor(uri),
    registerFor: () => source,
  };
}

/** The table (Markdown or JSON) to stdout or -o; false when the file was not written. */
function writeTable(args: Args, io: CliIO, text: string, out: string | undefined): boolean {
  const en = args.lang === 'en';
  if (out === undefined) {
    io.out(text);
    return true;
  }
  if (existsSync(out) && args.options.force !== true) {
    io.err(en ? `${shown(out)} exists; not overwritten (use --force)\n` : `${shown(out)} 已存在，未覆盖（要覆盖请加 --force）\n`);
    return false;
  }
  try {
    writeFileSync(out, text);
  } catch (e) {
    io.err(`${en ? 'Cannot write' : '无法写入'} ${shown(out)}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return false;
  }
  return true;
}

/** What was counted and how, on stderr: the rows, the counting basis, the rows left out, the register checks. */
function describeTally(io: CliIO, lang: Locale, registerPath: string, year: number, read: RegisterFileRead, result: RegisterTally): void {
  const en = lang === 'en';
  const left = registerModule().leftOutRows(result);
  const name = basename(registerPath);
  io.err(
    en
      ? `${name}${read.sheet ? ` (sheet ${read.sheet})` : ''}, header on row ${result.headerRow}: ${result.applications} application row(s), ${result.applications - left.length} counted for ${year}${left.length ? `, ${left.length} left out` : ''}\n`
      : `${name}${read.sheet ? `（工作表“${read.sheet}”）` : ''}，表头在第 ${result.headerRow} 行：共 ${result.applications} 行申请，${result.applications - left.length} 行计入 ${year} 年${left.length ? `，${left.length} 行未能归入、未计入` : ''}\n`,
  );
  io.err(`${en ? 'Counting basis:' : '统计口径：'}\n${result.basis.map((b) => `  ${say(b, lang)}`).join('\n')}\n`);
  if (result.problems.length)
    io.err(
      `${en ? 'Not placed (left out of the table):' : '未能归入表三的行（未计入）：'}\n${result.problems.map((p) => `  ${say(p.message, lang)}`).join('\n')}\n`,
    );
  if (result.warnings.length)
    io.err(`${en ? 'Register checks:' : '台账检查：'}\n${result.warnings.map((p) => `  ${say(p.message, lang)}`).join('\n')}\n`);
}

/** The draft's findings of register-mismatch on stdout; the number of its errors. */
function reportMismatches(io: CliIO, lang: Locale, input: Input, analysis: Analysis | undefined): number {
  const en = lang === 'en';
  const findings = (analysis?.findings ?? []).filter((f) => f.code === 'register-mismatch');
  const file = shown(input.path);
  for (const f of findings) {
    const p = analysis!.model.lines.positionAt(f.span.start);
    io.out(`${file}:${p.line + 1}:${p.character + 1} ${core().SEVERITY_LABELS[f.severity][lang]} ${f.message} [${f.code}]\n`);
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  io.out(
    en
      ? `${file}: ${errors ? `${errors} cell(s) of table 3 differ from the register` : 'table 3 agrees with the register'}\n`
      : `${file}：${errors ? `表三有 ${errors} 个单元格与台账不一致` : '表三与台账一致'}\n`,
  );
  return errors;
}

export async function tally(args: Args, io: CliIO, usage: string): Promise<number> {
  const lang = args.lang;
  const parsed = tallyArgs(args, io, usage);
  if (typeof parsed === 'number') return parsed;
  const { registerPath, draft, out } = parsed;
  const resolver = cliOptions(args, (m) => io.err(`${m}\n`));
  const config = registerConfig(args, io, resolver, registerPath);
  if (!config) return 2;
  const source = { path: registerPath, config };
  // One service: it reads the register once, for the table and for the draft's check (--check).
  const { service, inputs } = await openFiles(draft === undefined ? [] : [draft], withRegister(resolver, source), lang);
  try {
    const input = inputs[0];
    if (input?.error) {
      io.err(`${input.error}\n`);
      return 2;
    }
    if (input) await service.registerReady(input.uri);
    const analysis = input && service.getResult(documentOf(input)).analysis;
    // The draft's year when --year is not given.
    const year = parsed.year ?? analysis?.model.reports.find((r) => r.title?.year)?.title?.year;
    if (year === undefined) {
      io.err(
        lang === 'en'
          ? 'Which year? Give --year YYYY (or --check a draft with the year in its title)\n'
          : '请用 --year 指定报告年度（或用 --check 给出标题中有年份的草稿）\n',
      );
      return 2;
    }
    const { read, tally: result } = await service.tallyRegister(source, year);
    if (!read.read || !result) {
      io.err(`${shown(registerPath)}：${say(read.error ?? { zh: '无法读取', en: 'cannot be read' }, lang)}\n`);
      return 2;
    }
    for (const w of read.warnings) io.err(`${w}\n`);
    if (!result.columns.length) {
      for (const p of result.problems) io.err(`${shown(registerPath)}：${say(p.message, lang)}\n`);
      return 2;
    }
    const mod = registerModule();
    const text = args.options.format === 'json' ? `${JSON.stringify(mod.tallyJson(result, lang), null, 2)}\n` : mod.tallyMarkdown(result);
    if (!writeTable(args, io, text, out)) return 2;
    describeTally(io, lang, registerPath, year, read, result);
    const leftOut = mod.leftOutRows(result).length > 0;
    const mismatches = input ? reportMismatches(io, lang, input, analysis) : 0;
    return leftOut || mismatches ? 1 : 0;
  } finally {
    service.dispose();
  }
}
