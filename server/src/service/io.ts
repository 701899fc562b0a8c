/**
 * Import and paste conversion for the editor (xxgkReport/import, /paste); export is service/export.ts.
 * The Word/HTML code lives in its own bundle (dist/io.js), required on the first such request
 * so that the server's start and the keystroke path never load it. The server reads the file
 * to import but writes nothing: the client writes the draft.
 */
import { readFileBytes } from '../input';
import { fileURLToPath } from 'node:url';
import type * as Io from '../io/index';
import { io } from '../io/loader';
import type { ImportParams, ImportedDraft, IoFailure, IoMessageText, PasteParams } from '../protocol';
import type { CancellationToken, ServiceContext } from './types';

function failure(e: unknown, ctx: ServiceContext): IoFailure {
  const msg = (e as { msg?: IoMessageText })?.msg;
  if (msg && typeof msg.zh === 'string') return { ok: false, message: msg };
  ctx.logger.warn(`导入/导出出错：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  const detail = e instanceof Error ? e.message : String(e);
  return { ok: false, message: { zh: `转换失败：${detail}`, en: `Conversion failed: ${detail}` } };
}

function draft(r: Io.MapResult): ImportedDraft {
  return {
    ok: true,
    markdown: r.markdown,
    unmapped: r.unmapped.map((u) => ({ table: u.table, text: u.text, message: u.message })),
    tables: [...r.tables],
  };
}

/** Imports a file on disk as a Markdown draft. */
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
    const m = io();
    const read = readFileBytes(path, m.LIMITS.maxInputBytes, path.split(/[\\/]/).pop());
    if (!read.bytes) return { ok: false, message: { zh: read.error ?? '', en: read.error ?? '' } };
    const name = path.split(/[\\/]/).pop() ?? path;
    return draft(await m.importFileAsync(read.bytes, name, { eol: params.eol }));
  } catch (e) {
    return failure(e, ctx);
  }
}

/** Clipboard HTML or tab-separated text as canonical report Markdown (no comment header). */
export function convertPaste(ctx: ServiceContext, params: PasteParams, _token?: CancellationToken): ImportedDraft | IoFailure {
  try {
    const m = io();
    const opts = { eol: params?.eol, comment: false };
    if (typeof params?.html === 'string' && params.html.trim()) return draft(m.importHtml(params.html, opts));
    if (typeof params?.text === 'string' && params.text.trim()) return draft(m.importText(params.text, opts));
    return { ok: false, message: { zh: '剪贴板中没有内容', en: 'The clipboard is empty' } };
  } catch (e) {
    return failure(e, ctx);
  }
}
