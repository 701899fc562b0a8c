/**
 * `xxgk-report import FILE... [-o OUT.md | --out-dir DIR] [--force]`: Word (.docx), PDF, web pages
 * (.html/.htm) and pasted text (.txt) become canonical Markdown drafts. One file and no -o:
 * the draft on stdout. Never overwrites without --force. What could not be mapped onto the
 * template is listed on stderr (and as an HTML comment at the top of the draft).
 * Exit 0 done; 2 a file refused or a usage problem (nothing written for that file).
 */
import { existsSync, lstatSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { localize, type Locale, type Message } from '../core/message';
import { readFileBytes } from '../input';
import { LIMITS } from '../io/errors';
import type { ReportService } from '../service/index';
export { isImportPath } from '../io/formats';
import type { Args } from './args';
import { type CliIO, type Input, openFiles, cliOptions, shown } from './common';

export interface Imported {
  markdown?: string;
  error?: Message;
  unmapped: string[];
  /** What the reader noticed (bytes replaced, a declared charset overruled). */
  warnings?: string[];
}

/**
 * Imports one file: its bytes by the one reader (input.ts, bounded by the import limit), the
 * conversion by the report service. Refusals come back as a message naming the file, never as
 * an exception.
 */
async function importPath(service: ReportService, path: string, lang: Locale = 'zh'): Promise<Imported> {
  const read = readFileBytes(path, LIMITS.maxInputBytes, shown(path));
  if (!read.bytes) return { error: { zh: read.error ?? '', en: read.error ?? '' }, unmapped: [] };
  const r = await service.importBytes(read.bytes, path);
  if (!r.ok) return { error: { zh: `${shown(path)}：${r.message.zh}`, en: `${shown(path)}: ${r.message.en}` }, unmapped: [] };
  return {
    markdown: r.markdown,
    warnings: (r.warnings ?? []).map((w) => localize(w, lang)),
    unmapped: r.unmapped.map(
      (u) =>
        `${u.table ? (lang === 'en' ? `table ${u.table.slice(5)}: ` : `表${'二三四'[Number(u.table.slice(5)) - 2]}：`) : ''}${localize(u.message, lang)}：${u.text.slice(0, 80)}`,
    ),
  };
}

/** For `check`: a file of any import format (io/formats.ts) imported in memory, checked as its draft. */
export async function importedInput(service: ReportService, path: string, lang: Locale = 'zh'): Promise<Input> {
  const r = await importPath(service, path, lang);
  const uri = pathToFileURL(path).toString();
  if (r.error) return { path, uri, error: localize(r.error, lang) };
  return {
    path,
    uri,
    text: r.markdown,
    warning:
      (lang === 'en'
        ? `${shown(path)} was imported in memory: line numbers refer to the imported draft; messages name the table, row and column to find in the original.${r.unmapped.length ? ` ${r.unmapped.length} item(s) could not be mapped onto the template.` : ''}`
        : `${shown(path)} 已在内存中导入为草稿后检查：行号指导入后的草稿，问题中写明了表、行、列，可据此在原文件中查找。${r.unmapped.length ? `有 ${r.unmapped.length} 处内容未能对应到模板。` : ''}`) +
      (r.warnings?.length ? `\n${r.warnings.join('\n')}` : ''),
  };
}

/** Whether a symbolic link is at path (a dangling one too, which existsSync does not see). */
function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function writeOut(path: string, text: string, force: boolean): Message | undefined {
  if (!force && isLink(path))
    return {
      zh: `${shown(path)} 是符号链接，未写入（要写到它指向的文件请加 --force）`,
      en: `${shown(path)} is a symbolic link; not written through (use --force)`,
    };
  if (!force && existsSync(path))
    return { zh: `${shown(path)} 已存在，未覆盖（要覆盖请加 --force）`, en: `${shown(path)} exists; not overwritten (use --force)` };
  try {
    writeFileSync(path, text, { flag: force ? 'w' : 'wx' });
  } catch (e) {
    return {
      zh: `无法写入 ${shown(path)}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      en: `Cannot write ${shown(path)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    };
  }
  return undefined;
}

export async function importCommand(args: Args, cli: CliIO, usage: string): Promise<number> {
  const out = (args.options.o ?? args.options.out) as string | true | undefined;
  const dir = args.options['out-dir'] as string | true | undefined;
  const force = args.options.force === true;
  const lang = args.lang;
  if (!args.paths.length || out === true || dir === true || (out && dir)) {
    cli.err(`${usage}\n`);
    return 2;
  }
  if (out && args.paths.length > 1) {
    cli.err(lang === 'en' ? 'Several files: use --out-dir DIR instead of -o\n' : '导入多个文件时请用 --out-dir 目录，而不是 -o\n');
    return 2;
  }
  if (!out && !dir && args.paths.length > 1) {
    cli.err(lang === 'en' ? 'Several files: use --out-dir DIR\n' : '导入多个文件时请用 --out-dir 指定输出目录\n');
    return 2;
  }
  if (dir) {
    try {
      if (!statSync(dir).isDirectory()) throw new Error();
    } catch {
      cli.err(lang === 'en' ? `Not a directory: ${dir}\n` : `输出目录不存在：${dir}\n`);
      return 2;
    }
  }
  let failed = false;
  const { service } = await openFiles(
    [],
    cliOptions(args, (m) => cli.err(`${m}\n`)),
    lang,
  );
  for (const path of args.paths) {
    const r = await importPath(service, path, lang);
    if (r.error) {
      cli.err(`${localize(r.error, lang)}\n`);
      failed = true;
      continue;
    }
    for (const w of r.warnings ?? []) cli.err(`${w}\n`);
    if (r.unmapped.length) {
      cli.err(
        `${lang === 'en' ? `${shown(path)}: not mapped onto the template (kept as text):` : `${shown(path)}：以下内容未能对应到模板（已作为文字保留）：`}\n${r.unmapped.map((u) => `  - ${u}`).join('\n')}\n`,
      );
    }
    if (!out && !dir) {
      cli.out(r.markdown!);
      continue;
    }
    const target = out || join(dir as string, `${basename(path, extname(path))}.md`);
    const problem = writeOut(target, r.markdown!, force);
    if (problem) {
      cli.err(`${localize(problem, lang)}\n`);
      failed = true;
      continue;
    }
    cli.err(lang === 'en' ? `Imported ${shown(path)} → ${shown(target)}\n` : `已导入 ${shown(path)} → ${shown(target)}\n`);
  }
  return failed ? 2 : 0;
}
