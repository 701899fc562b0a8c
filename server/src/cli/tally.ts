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
import { readFileBytes } from '../input';
import { createReportService } from '../service/index';
import { readRegisterSource, registerModule } from '../service/register';
import type { ServiceConfig } from '../service/types';
import type { Args } from './args';
import { type CliIO, cliOptions, documentOf, readInputs, shown } from './common';

function say(m: { zh: string; en: string }, lang: string): string {
  return lang === 'en' ? m.en : m.zh;
}

/** The --map file: the same shape as `register` in .xxgk-report.json, without the path. */
function readMap(path: string, io: CliIO, lang: string): RegisterConfig | string {
  const r = readFileBytes(path, 1024 * 1024, shown(path));
  if (!r.bytes) return r.error ?? path;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(r.bytes).replace(/^\ufeff/, ''));
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

export async function tally(args: Args, io: CliIO, usage: string): Promise<number> {
  const lang = args.lang;
  const en = lang === 'en';
  const format = args.options.format ?? 'md';
  const out = (args.options.o ?? args.options.out) as string | true | undefined;
  const yearText = args.options.year;
  const draft = args.options.check;
  if (args.paths.length !== 1 || (format !== 'md' && format !== 'json') || out === true || yearText === true || draft === true) {
    io.err(`${usage}\n`);
    return 2;
  }
  const registerPath = resolve(args.paths[0]);
  let year = typeof yearText === 'string' ? Number(yearText) : undefined;
  if (year !== undefined && !(Number.isInteger(year) && year >= 1990 && year <= 2100)) {
    io.err(en ? `--year must be a year like 2023: ${String(yearText)}\n` : `--year 应为四位年份，如 2023：${String(yearText)}\n`);
    return 2;
  }
  // The mapping: --map, else `register` of the .xxgk-report.json that applies to the register file.
  const warn = (m: string): void => io.err(`${m}\n`);
  const resolver = cliOptions(args, warn);
  let config: RegisterConfig = resolver.configFor(registerPath)?.config.register?.config ?? {};
  if (typeof args.options.map === 'string') {
    const map = readMap(args.options.map, io, lang);
    if (typeof map === 'string') {
      io.err(`${map}\n`);
      return 2;
    }
    config = map;
  }
  if (typeof args.options.sheet === 'string') config = { ...config, sheet: args.options.sheet };

  // The draft (--check): its year when --year is not given.
  const input = typeof draft === 'string' ? (await readInputs([draft], resolver.maxDocumentBytes, lang))[0] : undefined;
  if (input?.error) {
    io.err(`${input.error}\n`);
    return 2;
  }
  if (input && year === undefined) {
    const model = core().buildModel(input.text ?? '');
    year = model.reports.find((r) => r.title?.year)?.title?.year;
  }
  if (year === undefined) {
    io.err(
      en
        ? 'Which year? Give --year YYYY (or --check a draft with the year in its title)\n'
        : '请用 --year 指定报告年度（或用 --check 给出标题中有年份的草稿）\n',
    );
    return 2;
  }

  const source = { path: registerPath, config };
  const read = await readRegisterSource(source);
  if (!read.read) {
    io.err(`${shown(registerPath)}：${say(read.error ?? { zh: '无法读取', en: 'cannot be read' }, lang)}\n`);
    return 2;
  }
  for (const w of read.warnings) io.err(`${w}\n`);
  const mod = registerModule();
  const result = mod.tallyAndCheck(read.read, year, config);
  if (!result.columns.length) {
    for (const p of result.problems) io.err(`${shown(registerPath)}：${say(p.message, lang)}\n`);
    return 2;
  }
  const text = format === 'json' ? `${JSON.stringify(mod.tallyJson(result, lang), null, 2)}\n` : mod.tallyMarkdown(result);
  if (typeof out === 'string') {
    if (existsSync(out) && args.options.force !== true) {
      io.err(en ? `${shown(out)} exists; not overwritten (use --force)\n` : `${shown(out)} 已存在，未覆盖（要覆盖请加 --force）\n`);
      return 2;
    }
    try {
      writeFileSync(out, text);
    } catch (e) {
      io.err(`${en ? 'Cannot write' : '无法写入'} ${shown(out)}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  } else io.out(text);

  // What it counted and how, on stderr.
  const left = mod.leftOutRows(result);
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
  let code = left.length ? 1 : 0;

  if (input) {
    const base = resolver;
    const checked: ServiceConfig = {
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
    const quiet = (): void => undefined;
    const service = createReportService({ config: checked, logger: { log: quiet, warn: quiet } });
    try {
      await service.registerReady(input.uri);
      const analysis = service.getResult(documentOf(input)).analysis;
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
      if (errors) code = 1;
    } finally {
      service.dispose();
    }
  }
  return code;
}
