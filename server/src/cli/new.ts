/**
 * `xxgk-report new --from LAST.md [--skeleton] [-o OUT] [--force]`: next year's draft from last
 * year's report (title and statistic period of the next year, every figure blank except
 * 上年结转 = last year's 结转下年度继续办理, table 二's 现行有效件数 noted as the base, prose
 * kept under a reminder to rewrite it, or the blank skeleton with --skeleton; no signing date).
 * `xxgk-report new [--agency NAME] [--year N] [-o OUT] [--force]`: the blank skeleton; the year
 * defaults to the one being drafted now (January–September: last year).
 * Prints to stdout unless -o is given: -o FILE writes that file, -o DIR writes
 * DIR/<机关名称><年份>年政府信息公开工作年度报告.md (the name VS Code gives it too); an existing
 * file is kept unless --force. Last year's report is read by the one reader (a Word file or a
 * web page is imported in memory first); the draft and the skeleton are made by the report service.
 * Exit 0 done; 2 a usage or I/O problem (nothing written).
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { core } from '../core-loader';
import { localize } from '../core/message';
import type { OptionsResolver } from '../options';
import type { Args } from './args';
import { type CliIO, cliOptions, openFiles, shown } from './common';
import { isImportPath } from './import';

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A draft to write: its text and the name VS Code gives it too. */
interface Draft {
  text: string;
  fileName: string;
}

/** Next year's draft from last year's report (--from); a number is the exit code of a failure. */
async function draftFrom(args: Args, io: CliIO, options: OptionsResolver, from: string): Promise<Draft | number> {
  const en = args.lang === 'en';
  if (args.options.agency !== undefined || args.options.year !== undefined) {
    io.err(
      en
        ? '--agency and --year go with the blank skeleton, not with --from (they come from last year’s report)\n'
        : '--agency、--year 用于空白骨架，不能与 --from 同用（机关和年度取自上一年度报告）\n',
    );
    return 2;
  }
  const {
    service,
    inputs: [input],
  } = await openFiles([from], options, args.lang);
  if (input.error !== undefined || input.text === undefined) {
    io.err(`${input.error}\n`);
    return 2;
  }
  // A Word file or web page is imported in memory; its note speaks of checking, which `new` does not do.
  if (input.warning && !isImportPath(from)) io.err(`${input.warning}\n`);
  const r = service.getNextYearDraft({ text: input.text, skeleton: args.options.skeleton === true });
  if (!r.ok) {
    io.err(`${shown(from)}：${localize(r.message, args.lang)}\n`);
    return 2;
  }
  return { text: r.text, fileName: r.fileName };
}

/** The blank skeleton (--agency, --year); a number is the exit code of a usage error. */
async function skeleton(args: Args, io: CliIO, options: OptionsResolver): Promise<Draft | number> {
  const o = args.options;
  const en = args.lang === 'en';
  if (o.skeleton === true) {
    io.err(en ? '--skeleton goes with --from\n' : '--skeleton 须与 --from 同用\n');
    return 2;
  }
  let year: number | undefined;
  if (o.year !== undefined) {
    year = Number(o.year);
    if (!/^\d{4}$/.test(String(o.year)) || year < 2000 || year > 2100) {
      io.err(en ? `--year must be a four-digit year: ${String(o.year)}\n` : `--year 应为四位年份：${String(o.year)}\n`);
      return 2;
    }
  }
  const agency = typeof o.agency === 'string' && o.agency.trim() ? o.agency.trim() : undefined;
  const { service } = await openFiles([], options, args.lang);
  return {
    text: service.getTemplate({ kind: 'report', agency, year })!.text + '\n',
    fileName: core().reportFileName(agency, year ?? core().draftingYear()),
  };
}

/** The draft to stdout, or written to -o (a file, or a folder it goes in under its own name); never over a file without --force. */
function writeDraft(args: Args, io: CliIO, draft: Draft, out: string | undefined): number {
  const en = args.lang === 'en';
  if (out === undefined) {
    io.out(draft.text);
    return 0;
  }
  const path = isDirectory(out) ? join(out, draft.fileName) : out;
  if (args.options.force !== true && existsSync(path)) {
    io.err(en ? `${shown(path)} exists; not overwritten (use --force)\n` : `${shown(path)} 已存在，未覆盖（要覆盖请加 --force）\n`);
    return 2;
  }
  try {
    writeFileSync(path, draft.text);
  } catch (e) {
    io.err(`${en ? 'Cannot write' : '无法写入'} ${shown(path)}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  io.err(en ? `Wrote ${shown(path)}\n` : `已写入 ${shown(path)}\n`);
  return 0;
}

export async function newReport(args: Args, io: CliIO, usage: string): Promise<number> {
  const o = args.options;
  const out = o.o ?? o.out;
  const from = o.from;
  if (args.paths.length || out === true || from === true || o.agency === true || o.year === true) {
    io.err(`${usage}\n`);
    return 2;
  }
  const options = cliOptions(args, (m) => io.err(`${m}\n`));
  const draft = from !== undefined ? await draftFrom(args, io, options, from) : await skeleton(args, io, options);
  return typeof draft === 'number' ? draft : writeDraft(args, io, draft, out);
}
