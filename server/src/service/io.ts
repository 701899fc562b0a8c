/**
 * Import and paste conversion for the editor (xxgkReport/import, /paste); export is
 * service/export.ts. The Word/HTML/PDF code lives in its own bundle (dist/io.js), loaded by a
 * worker thread (io-worker.ts: heap limit, watchdog), so a hostile file never blocks the
 * server's other requests. The server reads the file to import (the one reader: regular
 * files, size first) but writes nothing: the client writes the draft.
 */
import { readFileBytes } from '../input';
import { fileURLToPath } from 'node:url';
import type * as Io from '../io/index';
import { LIMITS } from '../io/errors';
import { runImportJob } from './io-worker';
import type { ImportParams, ImportedDraft, IoFailure, IoMessageText, PasteParams } from '../protocol';
import type { CancellationToken, ServiceContext } from './types';

function failure(e: unknown, ctx: ServiceContext): IoFailure {
  const msg = (e as { msg?: IoMessageText })?.msg;
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

function draft(r: Io.MapResult & { warnings?: IoMessageText[] }): ImportedDraft {
  return {
    ...(r.warnings?.length ? { warnings: r.warnings } : {}),
    ok: true,
    markdown: r.markdown,
    unmapped: r.unmapped.map((u) => ({ table: u.table, text: u.text, message: u.message })),
    tables: [...r.tables],
  };
}

/** Imports a file on disk as a Markdown draft (converted in a worker thread). */
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
    return answer(ctx, await runImportJob({ kind: 'file', bytes: read.bytes, fileName: name, opts: { eol: params.eol } }));
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
    return answer(ctx, await runImportJob({ kind: 'html', html: params.html, opts }));
  if (typeof params?.text === 'string' && params.text.trim())
    return answer(ctx, await runImportJob({ kind: 'text', text: params.text, opts }));
  return { ok: false, message: { zh: '剪贴板中没有内容', en: 'The clipboard is empty' } };
}
