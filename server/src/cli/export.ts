/**
 * `xxgk-report export DRAFT.md --to docx|html [-o OUT] [--force [--replace-foreign]] [--strict]`:
 * the draft as a Word file in the 公文 layout or as one self-contained web page, through the
 * report service (service/export.ts), as the editor exports.
 *
 * - Without -o the file goes beside the draft as `X（导出）.docx`, or the next free `X（导出2）.docx`;
 *   with --force an earlier export of ours under the first name is replaced instead.
 * - -o on an existing file needs --force, and replaces only our own untouched export; a file
 *   someone else wrote (or edited after the export) also needs --replace-foreign. A symbolic link
 *   is written through only with --force; the draft itself never.
 * - Open errors in the draft are counted on stderr (`xxgk-report check` lists them); --strict
 *   then exits 1 and writes nothing.
 * - A Word file or a web page is not a draft: it is imported first (`xxgk-report import`).
 *
 * Exit 0 written; 1 errors in the draft with --strict (nothing written); 2 a usage or I/O
 * problem, or a target refused (nothing written).
 */
import { basename, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ExportResult, ExportTargetState } from '../protocol';
import { refusal } from '../service/export';
import type { Args } from './args';
import { type CliIO, cliOptions, documentOf, openFiles, shown } from './common';
import { isImportPath } from './import';
import { localize } from '../core/message';

/** What to add to get past a target that is in the way, by what is there. */
function hint(state: ExportTargetState, en: boolean): string {
  switch (state) {
    case 'ours':
      return en ? ' (to replace an earlier export, add --force)' : '（要替换本工具上次导出的文件，请加 --force）';
    case 'edited':
    case 'foreign':
      return en ? ' (to replace it all the same, add --force --replace-foreign)' : '（确实要替换它，请加 --force --replace-foreign）';
    case 'link':
      return en ? ' (to write to the file it points to, add --force)' : '（要写入链接指向的文件，请加 --force）';
    default:
      return '';
  }
}

/** The command's arguments, checked (a number is the exit code of a usage error). */
function exportArgs(args: Args, cli: CliIO, usage: string): { source: string; to: 'docx' | 'html'; out?: string } | number {
  const to = args.options.to;
  const out = (args.options.o ?? args.options.out) as string | true | undefined;
  const en = args.lang === 'en';
  if (args.paths.length !== 1 || (to !== 'docx' && to !== 'html') || out === true) {
    cli.err(`${usage}\n`);
    return 2;
  }
  if (args.options['replace-foreign'] === true && args.options.force !== true) {
    cli.err(en ? '--replace-foreign goes with --force\n' : '--replace-foreign 需要与 --force 一起使用\n');
    return 2;
  }
  const source = args.paths[0];
  if (isImportPath(source)) {
    const draft = `${basename(source).replace(/\.[^.]+$/, '')}.md`;
    cli.err(
      en
        ? `${shown(source)} is not a draft: export writes a Markdown draft as Word or a web page. Import the file first, check and edit the draft, then export it:\n  xxgk-report import ${shown(source)} -o ${draft}\n  xxgk-report export ${draft} --to ${to}\n`
        : `${shown(source)} 不是草稿：导出的对象是 Markdown 草稿。请先把它导入为草稿，检查、修改后再导出：\n  xxgk-report import ${shown(source)} -o ${draft}\n  xxgk-report export ${draft} --to ${to}\n`,
    );
    return 2;
  }
  return { source, to, out };
}

/**
 * Where the export goes, from the dry run: the target as planned, the first free name beside the
 * draft when the default one is taken, or the target replaced when the options allow; a refusal
 * (undefined) is said on stderr.
 */
function chooseTarget(
  args: Args,
  cli: CliIO,
  plan: ExportResult,
  asked: string | undefined,
): { target: string; replace: boolean } | undefined {
  if (plan.state === 'new') return { target: plan.target, replace: false };
  const force = args.options.force === true;
  const replaceForeign = args.options['replace-foreign'] === true;
  const replaceable = plan.state === 'ours' || ((plan.state === 'edited' || plan.state === 'foreign') && replaceForeign);
  if (force && replaceable) return { target: plan.target, replace: true };
  if (!asked && plan.free) return { target: plan.free, replace: false };
  const free = plan.free ? fileURLToPath(plan.free) : undefined;
  cli.err(`${localize(refusal(plan.state, shown(fileURLToPath(plan.target)), free), args.lang)}${hint(plan.state, args.lang === 'en')}\n`);
  return undefined;
}

export async function exportCommand(args: Args, cli: CliIO, usage: string): Promise<number> {
  const parsed = exportArgs(args, cli, usage);
  if (typeof parsed === 'number') return parsed;
  const { source, to, out } = parsed;
  const en = args.lang === 'en';
  const force = args.options.force === true;
  const options = cliOptions(args, (m) => cli.err(`${m}\n`));
  const explicit = options.explicitConfig();
  if (explicit?.error) {
    cli.err(`配置文件 ${args.config}：${explicit.error}\n`);
    return 2;
  }
  const {
    service,
    inputs: [input],
  } = await openFiles([source], options, args.lang);
  if (input.error || input.text === undefined) {
    cli.err(`${input.error}\n`);
    return 2;
  }
  if (input.warning) cli.err(`${input.warning}\n`);
  const document = documentOf(input);
  const policy = { followLinks: force, replaceForeign: force && args.options['replace-foreign'] === true };
  const asked = out !== undefined ? pathToFileURL(resolve(out)).toString() : undefined;
  const plan = await service.exportDocument(document, { uri: input.uri, to, target: asked, dryRun: true }, undefined, policy);
  if (!plan.ok) {
    cli.err(`${localize(plan.message, args.lang)}\n`);
    return 2;
  }
  const strict = args.options.strict === true;
  if (plan.errors > 0) {
    cli.err(
      en
        ? `The draft still has ${plan.errors} error(s) (xxgk-report check ${shown(source)} lists them)${strict ? ': not exported (--strict)' : ''}\n`
        : `草稿还有 ${plan.errors} 个错误（用 xxgk-report check ${shown(source)} 查看）${strict ? '，未导出（--strict）' : ''}\n`,
    );
    if (strict) return 1;
  }
  // Where it goes: what -o names (replaced only as allowed), or the first free name beside the draft.
  const chosen = chooseTarget(args, cli, plan, asked);
  if (!chosen) return 2;
  const { target, replace } = chosen;
  const done = await service.exportDocument(document, { uri: input.uri, to, target, replace }, undefined, policy);
  if (!done.ok) {
    cli.err(`${localize(done.message, args.lang)}\n`);
    return 2;
  }
  for (const w of done.warnings) cli.err(`${localize(w, args.lang)}\n`);
  const written = shown(fileURLToPath(done.target));
  const replaced = replace
    ? plan.state === 'ours'
      ? ['（替换了上次导出的文件）', ' (replaced the earlier export)']
      : ['（替换了原有文件）', ' (replaced the file that was there)']
    : ['', ''];
  cli.err(en ? `Exported ${shown(source)} → ${written}${replaced[1]}\n` : `已导出 ${shown(source)} → ${written}${replaced[0]}\n`);
  return 0;
}
