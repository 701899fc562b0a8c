/**
 * Export of a draft to Word or a web page (xxgkReport/export and the CLI's `export`): the
 * complete draft (io/export-model.ts), written under a new name beside it, and never over a
 * file the exporter did not write.
 *
 * - The default target is `X（导出）.docx` beside `X.md`, or the next free `X（导出2）.docx`.
 * - An existing target is replaced only when asked (`replace`) and only when it is our own
 *   export untouched since (io/export-mark.ts); a file someone else wrote or edited, the source,
 *   a folder or a device never; a symbolic link (dangling or not) is not written through unless
 *   the caller follows links (the CLI's --force).
 * - New files are created exclusively (never over one that appeared meanwhile); a replacement
 *   is written beside and renamed over the file, so a failure leaves the old file whole.
 * - The result says how many errors the draft has (the diagnostics the editor shows) and what
 *   had to be taken out of the text (characters XML 1.0 does not allow).
 * - The conversion runs where the service runs conversions (ServiceContext.imports): in the
 *   server, in the io worker (io-worker.ts: watchdog, heap limit), so that the server answers
 *   hover and diagnostics while a large draft converts, and the error count is computed
 *   meanwhile; in the CLI, in its own thread, on the model its analysis parsed (one parse).
 */
import { chmodSync, closeSync, constants, lstatSync, openSync, readlinkSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { core } from '../core-loader';
import { readFileBytes } from '../input';
import type * as ExportBundle from '../io/export-bundle';
import type { ExportReply } from '../io/export-bundle';
import type { ExportParams, ExportResult, ExportTargetState, IoFailure } from '../protocol';
import { getCompleteDiagnostics } from './diagnostics';
import { runExportJob } from './io-worker';
import type { CancellationToken, ReportDocument, ServiceContext } from './types';
import type { Message } from '../core/message';

/** What only the command line may allow (a user typed it). */
export interface ExportPolicy {
  /** Follow a symbolic link at the target, and replace our export it points to (`--force`). */
  followLinks?: boolean;
  /** Also replace a file that is not our untouched export (`--force --replace-foreign`). */
  replaceForeign?: boolean;
}

/** The word in an export's name: `X（导出）.docx`, `X（导出2）.docx`. */
const EXPORT_SUFFIX = '导出';
/** Numbered names tried before giving up. */
const MAX_NUMBERED = 999;
/** Bytes of an existing target read to see whether it is our export. */
const MAX_MARK_BYTES = 64 * 1024 * 1024;
/** Symbolic links followed in a row (as the system's own limit). */
const MAX_LINKS = 40;

let loadedExporter: typeof ExportBundle | undefined;

/** The export code, loaded on first use: build.mjs maps this require to ./export.js (the writers without the importers). */
function exporter(): typeof ExportBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point: dist/export.js loads on first use
  return (loadedExporter ??= require('../io/export-bundle') as typeof ExportBundle);
}

function fail(zh: string, en: string): IoFailure {
  return { ok: false, message: { zh, en } };
}

/** The export's name beside a draft: `X（导出）.docx`, or `X（导出n）.docx` for n ≥ 2. */
function exportName(draftPath: string, to: 'docx' | 'html', n = 1): string {
  const base = basename(draftPath, extname(draftPath)) || '年报';
  return join(dirname(draftPath), `${base}（${EXPORT_SUFFIX}${n > 1 ? n : ''}）.${to}`);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The first name of the row X（导出）, X（导出2）… beside `path` that nothing holds (not even a dangling link). */
function freeName(path: string): string | undefined {
  const ext = extname(path);
  const stem = basename(path, ext).replace(new RegExp(`（${EXPORT_SUFFIX}\\d*）$`), '');
  for (let n = 1; n <= MAX_NUMBERED; n++) {
    const candidate = join(dirname(path), `${stem}（${EXPORT_SUFFIX}${n > 1 ? n : ''}）${ext}`);
    if (!exists(candidate)) return candidate;
  }
  return undefined;
}

/** Where a symbolic link leads, link after link (the last path may not exist: a dangling link). */
function followLink(path: string): string | undefined {
  let p = path;
  for (let i = 0; i < MAX_LINKS; i++) {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      return p;
    }
    if (!st.isSymbolicLink()) return p;
    p = resolve(dirname(p), readlinkSync(p));
  }
  return undefined;
}

function sameFile(a: string, b: string | undefined): boolean {
  if (!b) return false;
  if (resolve(a) === resolve(b)) return true;
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** What stands at a target path; `path` is where a write would go (a link's end when links are followed). */
function targetState(target: string, source: string | undefined, followLinks = false): { state: ExportTargetState; path: string } {
  let path = target;
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return { state: 'new', path };
  }
  if (st.isSymbolicLink()) {
    if (!followLinks) return { state: 'link', path };
    const end = followLink(path);
    if (!end) return { state: 'not-file', path };
    path = end;
    try {
      st = lstatSync(path);
    } catch {
      return { state: sameFile(path, source) ? 'source' : 'new', path };
    }
  }
  if (sameFile(path, source)) return { state: 'source', path };
  if (!st.isFile()) return { state: 'not-file', path };
  const read = readFileBytes(path, MAX_MARK_BYTES);
  if (!read.bytes) return { state: 'foreign', path };
  const mark = exporter().exportMark(read.bytes);
  return { state: mark === 'ours' ? 'ours' : mark === 'edited' ? 'edited' : 'foreign', path };
}

/** Why a target is not written (the caller names another place, or passes the flag it names). */
export function refusal(state: ExportTargetState, shown: string, free: string | undefined): Message {
  const other = free ? { zh: `；可导出为 ${basename(free)}`, en: `; export as ${basename(free)} instead` } : { zh: '', en: '' };
  switch (state) {
    case 'source':
      return { zh: `${shown} 是草稿本身，不能导出到它上面`, en: `${shown} is the draft itself: not exported over it` };
    case 'link':
      return { zh: `${shown} 是符号链接，不会通过它写入${other.zh}`, en: `${shown} is a symbolic link: not written through${other.en}` };
    case 'not-file':
      return { zh: `${shown} 不是普通文件，不能写入${other.zh}`, en: `${shown} is not a regular file: not written${other.en}` };
    case 'ours':
      return {
        zh: `${shown} 已存在（本工具上次导出的文件），未替换${other.zh}`,
        en: `${shown} exists (an earlier export): not replaced${other.en}`,
      };
    case 'edited':
      return {
        zh: `${shown} 已存在，导出后又被修改过，不会替换${other.zh}`,
        en: `${shown} exists and was changed after it was exported: not replaced${other.en}`,
      };
    default:
      return {
        zh: `${shown} 已存在，不是本工具导出的文件，不会替换${other.zh}`,
        en: `${shown} exists and was not written by this exporter: not replaced${other.en}`,
      };
  }
}

/** Writes a new file; fails if anything is at the path (O_EXCL: a link, even dangling, too). */
function createNew(path: string, data: Uint8Array): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
  let done = false;
  try {
    for (let at = 0; at < data.length;) at += writeSync(fd, data, at, data.length - at);
    done = true;
  } finally {
    closeSync(fd);
    if (!done) unlinkSync(path);
  }
}

/** Replaces a file: written beside it under a temporary name, then renamed over it (never half-written). */
function replaceFile(path: string, data: Uint8Array): void {
  const mode = statSync(path).mode & 0o7777;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  createNew(temp, data);
  try {
    // The old file's permissions: replacing it changes nothing but its content.
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    throw e;
  }
}

/**
 * The conversion of a draft, started: in the io worker (the server), or in this thread on the
 * model of the complete analysis (the CLI: the draft is parsed once, for the count and the export).
 */
function startConversion(ctx: ServiceContext, document: ReportDocument, to: 'docx' | 'html'): Promise<ExportReply> {
  const job = { kind: 'export' as const, markdown: document.getText(), to };
  if (ctx.imports !== 'in-process') return runExportJob(job);
  return exporter().exportJobWith(core().buildModel, job, ctx.completeResultOf(document).analysis?.model);
}

/** A reply that is not the bytes, as the request's answer; an unexpected failure is logged, the user gets one sentence. */
function replyFailure(ctx: ServiceContext, reply: Exclude<ExportReply, { ok: true }>): IoFailure {
  if ('message' in reply) return { ok: false, message: reply.message };
  ctx.logger.warn(`导出出错：${reply.error}`);
  const detail = reply.error.split('\n')[0];
  return fail(`导出失败：${detail}`, `Export failed: ${detail}`);
}

function errorCount(ctx: ServiceContext, document: ReportDocument): number {
  // The complete analysis: the count the user is told must not depend on the editor's budget.
  return getCompleteDiagnostics(ctx, document).filter((d) => d.severity === DiagnosticSeverity.Error).length;
}

function pathOf(uri: string | undefined): string | undefined {
  if (!uri || !uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * Exports a draft (see the top of this file). With `dryRun` nothing is converted or written:
 * the result says where the file would go, what is there and how many errors the draft has.
 */
export async function exportDocument(
  ctx: ServiceContext,
  document: ReportDocument,
  params: ExportParams,
  _token?: CancellationToken,
  policy: ExportPolicy = {},
): Promise<ExportResult | IoFailure> {
  try {
    const to = params?.to;
    if (to !== 'docx' && to !== 'html') return fail(`未知的导出格式：${String(to)}`, `Unknown export format: ${String(to)}`);
    const source = pathOf(document.uri);
    const folder = pathOf(params.directory);
    const target =
      pathOf(params.target) ?? (source ? exportName(source, to) : folder ? join(folder, `年报（${EXPORT_SUFFIX}）.${to}`) : undefined);
    if (!target)
      return fail(
        '草稿还没有保存为文件：请先保存，或指定导出到哪里',
        'The draft is not saved as a file yet: save it first, or say where to export',
      );
    const { state } = targetState(target, source, policy.followLinks);
    const free = freeName(target);
    const result = (errors: number, written: boolean, warnings: Message[] = []): ExportResult => ({
      ok: true,
      version: document.version,
      errors,
      target: pathToFileURL(target).toString(),
      state,
      ...(free ? { free: pathToFileURL(free).toString() } : {}),
      written,
      warnings,
    });
    if (params.dryRun) return result(errorCount(ctx, document), false);

    const shown = basename(target);
    const replacing = state === 'ours' || ((state === 'edited' || state === 'foreign') && !!policy.replaceForeign);
    if (state !== 'new' && !(params.replace && replacing)) return { ok: false, message: refusal(state, shown, free) };

    const limit = ctx.config.maxDocumentBytes;
    if (Buffer.byteLength(document.getText(), 'utf8') > limit)
      return fail(
        `草稿超过 ${(limit / 1048576).toFixed(1)} MB 的上限（xxgkReport.maxDocumentSize），未导出`,
        `The draft is above the limit of ${(limit / 1048576).toFixed(1)} MB (xxgkReport.maxDocumentSize): not exported`,
      );
    // In the server the worker converts while this thread counts the errors (cached when the editor has analysed this version).
    const converting = startConversion(ctx, document, to);
    const errors = errorCount(ctx, document);
    const reply = await converting;
    if (!reply.ok) return replyFailure(ctx, reply);
    const out = reply.output;
    const warnings: Message[] = [];
    if (out.removed.count && out.removed.first)
      warnings.push({
        zh: `草稿中有 ${out.removed.count} 个 XML 不允许的字符（第一个是第 ${out.removed.first.line + 1} 行的 ${out.removed.first.code}），导出时已去掉`,
        en: `The draft holds ${out.removed.count} character(s) XML does not allow (the first is ${out.removed.first.code} on line ${out.removed.first.line + 1}); they were taken out of the export`,
      });

    // Checked again just before writing: the file may have changed since the dry run.
    const now = targetState(target, source, policy.followLinks);
    if (now.state === 'new') createNew(now.path, out.data);
    else if (params.replace && (now.state === 'ours' || ((now.state === 'edited' || now.state === 'foreign') && policy.replaceForeign)))
      replaceFile(now.path, out.data);
    else return { ok: false, message: refusal(now.state, shown, free) };
    return result(errors, true, warnings);
  } catch (e) {
    // A draft the exporter refuses (far beyond a report): its message.
    const msg = (e as { msg?: Message })?.msg;
    if (msg && typeof msg.zh === 'string') return { ok: false, message: msg };
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code) return fail(`无法写入导出文件：${code}`, `Cannot write the export: ${code}`);
    ctx.logger.warn(`导出出错：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    const detail = e instanceof Error ? e.message : String(e);
    return fail(`导出失败：${detail}`, `Export failed: ${detail}`);
  }
}
