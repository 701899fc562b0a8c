/**
 * Import and paste conversion (xxgkReport/import, /paste, `xxgk-report import` and `check` of
 * an imported file); export is service/export.ts. The Word/HTML/PDF code lives in its own
 * bundle (dist/io.js), loaded for the server by a worker thread (io-worker.ts: heap limit,
 * watchdog), so a hostile file never blocks the server's other requests; the CLI loads it in
 * its own thread. The server reads the file to import (the one reader: regular
 * files, size first) but writes nothing: the client writes the draft.
 */
import { readFileBytes } from '../input';
import { fileURLToPath } from 'node:url';
import type * as Io from '../io/index';
import { LIMITS } from '../io/errors';
import { io } from '../io/loader';
import { runImportJob } from './io-worker';
import type { ImportParams, ImportedDraft, IoFailure, PasteParams } from '../protocol';
import type { CancellationToken, ServiceContext } from './types';
import type { Message } from '../core/message';

function failure(e: unknown, ctx: ServiceContext): IoFailure {
  const msg = (e as { msg?: Message })?.msg;
  if (msg && typeof msg.zh === 'string') return { ok: false, message: msg };
  ctx.logger.warn(`导入/导出出错：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  const detail = e instanceof Error ? e.message : String(e);
  return { ok: false, message: { zh: `转换失败：${detail}`, en: `Conversion failed: ${detail}` } };
}

/** A worker's reply as the request's answer; an unexpected failure is logged, the user gets one sentence. */
function answer(ctx: ServiceContext, reply: Io.ImportReply): ImportedDraft | IoFailure {
  if (reply.ok) return draft(reply.result);
  if ('message' in reply) return { ok: false, message: reply.message };
  ctx.logger.warn(`导入出错：${reply.error}`);
  const detail = reply.error.split('\n')[0];
  return { ok: false, message: { zh: `转换失败：${detail}`, en: `Conversion failed: ${detail}` } };
}

function draft(r: Io.MapResult & { warnings?: Message[] }): ImportedDraft {
  return {
    ...(r.warnings?.length ? { warnings: r.warnings } : {}),
    ok: true,
    markdown: r.markdown,
    unmapped: r.unmapped.map((u) => ({ table: u.table, text: u.text, message: u.message })),
    tables: [...r.tables],
  };
}

/** A conversion, where the service runs them (ServiceContext.imports); never rejects. */
function convert(ctx: ServiceContext, job: Io.ImportJob): Promise<Io.ImportReply> {
  return ctx.imports === 'in-process' ? io().importJob(job) : runImportJob(job);
}

/** Imports a file on disk as a Markdown draft, read by the one reader (regular files, size first). */
export async function importFile(
  ctx: ServiceContext,
  params: ImportParams,
  _token?: CancellationToken,
): Promise<ImportedDraft | IoFailure> {
  try {
    if (typeof params?.uri !== 'string' || !params.uri.startsWith('file:')) {
      return { ok: false, message: { zh: '只能导入本地文件', en: 'Only local files can be imported' } };
    }
    const path = fileURLToPath(params.uri);
    const name = path.split(/[\\/]/).pop() ?? path;
    const read = readFileBytes(path, LIMITS.maxInputBytes, name);
    if (!read.bytes) return { ok: false, message: { zh: read.error ?? '', en: read.error ?? '' } };
    return await importBytes(ctx, read.bytes, name, params);
  } catch (e) {
    return failure(e, ctx);
  }
}

/**
 * Converts the bytes of a file (a format of io/formats.ts, told by its first bytes and its
 * name) to a Markdown draft: the CLI reads the file itself, to name it as its user typed it.
 */
export async function importBytes(
  ctx: ServiceContext,
  bytes: Uint8Array,
  fileName: string,
  params: { eol?: string } = {},
): Promise<ImportedDraft | IoFailure> {
  try {
    return answer(ctx, await convert(ctx, { kind: 'file', bytes, fileName, opts: { eol: params.eol } }));
  } catch (e) {
    return failure(e, ctx);
  }
}

/** Clipboard HTML or tab-separated text as canonical report Markdown (no comment header), converted in a worker thread. */
export async function convertPaste(
  ctx: ServiceContext,
  params: PasteParams,
  _token?: CancellationToken,
): Promise<ImportedDraft | IoFailure> {
  const opts = { eol: params?.eol, comment: false };
  if (typeof params?.html === 'string' && params.html.trim())
    return answer(ctx, await convert(ctx, { kind: 'html', html: params.html, opts }));
  if (typeof params?.text === 'string' && params.text.trim())
    return answer(ctx, await convert(ctx, { kind: 'text', text: params.text, opts }));
  return { ok: false, message: { zh: '剪贴板中没有内容', en: 'The clipboard is empty' } };
}
