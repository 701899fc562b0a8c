/**
 * Export alone, bundled apart as dist/export.js (build.mjs): the CLI's `export` and the
 * server's checks of an existing target load the Word writer, the export model and the part
 * of the core they use, without the importers (HTML parser, Word and PDF readers) that make up
 * nearly half of dist/io.js. dist/io.js holds the same code for the io worker (index.ts).
 */
import type { DocumentModel } from '../core/model';
import type { Message } from '../core/message';
import { modelToDocx } from './docx-write';
import { modelToHtml } from './html-write';
import { exportModelWith, type DraftParser } from './export-model';

export { exportMark } from './export-mark';

export interface ExportOutput {
  data: Uint8Array;
  /** Characters XML 1.0 does not allow that were taken out of the draft (count, the first's code and line). */
  removed: { count: number; first?: { code: string; line: number } };
}

/**
 * A draft as a Word file or a web page, complete, with what had to be taken out of its text,
 * the draft parsed by the caller's parser (the program loading this bundle has the core already;
 * the bundle carries no Markdown parser of its own). `parsed` is the complete model of this very
 * text when the caller has it already (the CLI's analysis): the draft is then not parsed again.
 * A promise, as the callers have always awaited it; the work is synchronous.
 */
export function exportReportWith(parse: DraftParser, markdown: string, to: 'docx' | 'html', parsed?: DocumentModel): Promise<ExportOutput> {
  return Promise.resolve().then(() => {
    const model = exportModelWith(parse, markdown, parsed);
    const data = to === 'docx' ? modelToDocx(model) : new TextEncoder().encode(modelToHtml(model));
    return { data, removed: model.removed };
  });
}

/** An export asked of the io worker (service/export.ts): the draft's text, never a parsed model (it does not cross threads). */
export interface ExportJob {
  kind: 'export';
  markdown: string;
  to: 'docx' | 'html';
}

/** Its answer: the bytes, a refusal for the user (a draft far beyond a report), or an unexpected failure. */
export type ExportReply = { ok: true; output: ExportOutput } | { ok: false; message: Message } | { ok: false; error: string };

/** Runs one export (in the worker, or in this thread with the caller's parsed model); never rejects. */
export async function exportJobWith(parse: DraftParser, job: ExportJob, parsed?: DocumentModel): Promise<ExportReply> {
  try {
    return { ok: true, output: await exportReportWith(parse, job.markdown, job.to, parsed) };
  } catch (e) {
    const msg = (e as { msg?: Message })?.msg;
    if (msg && typeof msg.zh === 'string') return { ok: false, message: msg };
    return { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}
