/**
 * `xxgk-report export FILE.md --to docx|html [-o OUT] [--force]`: the draft as a Word file in
 * the 公文 layout or as one self-contained web page, with the official merged tables.
 * The output goes beside the draft unless -o says where; an existing file is kept unless --force.
 * Exit 0 written; 2 a usage or I/O problem (nothing written).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { readInputFile } from '../input';
import { io } from '../io/loader';
import type { Args } from './args';
import { type CliIO, shown } from './common';

const MAX_DRAFT_BYTES = 8 * 1024 * 1024;

export async function exportCommand(args: Args, cli: CliIO, usage: string): Promise<number> {
  const to = args.options.to;
  const out = (args.options.o ?? args.options.out) as string | true | undefined;
  const en = args.lang === 'en';
  if (args.paths.length !== 1 || (to !== 'docx' && to !== 'html') || out === true) {
    cli.err(`${usage}\n`);
    return 2;
  }
  const source = args.paths[0];
  const read = readInputFile(source, MAX_DRAFT_BYTES, shown(source));
  if (read.error || read.text === undefined) {
    cli.err(`${read.error}\n`);
    return 2;
  }
  const target = out ?? join(dirname(source), `${basename(source, extname(source))}.${to}`);
  if (args.options.force !== true && existsSync(target)) {
    cli.err(en ? `${shown(target)} exists; not overwritten (use --force)\n` : `${shown(target)} 已存在，未覆盖（要覆盖请加 --force）\n`);
    return 2;
  }
  const mod = io();
  const data = to === 'docx' ? await mod.exportDocx(read.text) : mod.exportHtml(read.text);
  try {
    writeFileSync(target, data);
  } catch (e) {
    cli.err(`${en ? 'Cannot write' : '无法写入'} ${shown(target)}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  cli.err(en ? `Exported ${shown(source)} → ${shown(target)}\n` : `已导出 ${shown(source)} → ${shown(target)}\n`);
  return 0;
}
