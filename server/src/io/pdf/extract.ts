/**
 * Stage one: pdf.js reads the file; each page gives its text runs (positions from the text
 * layer only) and its ruling lines, in page space. Bounded: pages, operators per page (a page
 * past the limit is not read), text runs kept per page, characters over the document; no image is
 * decoded, no font or character map fetched from a network, no code evaluated.
 */
import { ImportError } from '../errors';
import { PDF_LIMITS } from './limits';
import type { PdfNote, PdfPage, TextRun } from './model';
import { cmapFolder, pdfjs, type Pdfjs } from './pdfjs';
import { rulingSegments } from './ruling';

export interface Extraction {
  pages: PdfPage[];
  notes: PdfNote[];
}

type PdfDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;
type PdfPageProxy = Awaited<ReturnType<PdfDocument['getPage']>>;
type Matrix = [number, number, number, number, number, number];

const ENCRYPTED = {
  zh: 'PDF 文件有密码保护，无法读取：请先解除密码后再导入',
  en: 'The PDF is password-protected: remove the password and import it again',
};
const CORRUPT = { zh: 'PDF 文件已损坏，无法读取', en: 'The PDF is corrupt and cannot be read' };

/** Reads every page's text runs and ruling lines. Throws ImportError for files it cannot open. */
export async function extractPages(bytes: Uint8Array, limits = PDF_LIMITS): Promise<Extraction> {
  const lib = pdfjs();
  const task = lib.getDocument({
    // pdf.js may transfer the buffer to its worker and refuses a Buffer: a plain copy, the caller keeps its bytes.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
    maxImageSize: limits.maxImagePixels,
    cMapUrl: cmapFolder(),
    cMapPacked: true,
    verbosity: Number(process.env.PDFV ?? 0),
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const name = (e as { name?: string })?.name;
    throw new ImportError(name === 'PasswordException' ? ENCRYPTED : CORRUPT);
  }
  try {
    if (doc.numPages > limits.maxPages)
      throw new ImportError({
        zh: `PDF 有 ${doc.numPages} 页，超过上限 ${limits.maxPages} 页，已拒绝导入`,
        en: `The PDF has ${doc.numPages} pages, more than the limit of ${limits.maxPages}`,
      });
    const pages: PdfPage[] = [];
    const notes: PdfNote[] = [];
    const skipped: number[] = [];
    const cut: number[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      let page: PdfPageProxy;
      try {
        page = await doc.getPage(n);
      } catch {
        skipped.push(n);
        continue;
      }
      const read = await readPage(lib, page, n, limits, limits.maxChars - chars);
      page.cleanup();
      if (!read) {
        skipped.push(n);
        continue;
      }
      chars += read.runs.reduce((s, r) => s + r.text.length, 0);
      if (read.truncated) cut.push(n);
      pages.push(read);
      if (chars >= limits.maxChars) {
        for (let k = n + 1; k <= doc.numPages; k++) skipped.push(k);
        break;
      }
    }
    if (skipped.length)
      notes.push({
        text: `第${skipped.join('、')}页`,
        message: {
          zh: '这些页无法读取或内容过多（超过读取上限），未导入，请对照原文件核对',
          en: 'these pages could not be read or hold more than the reader takes; not imported, check them against the original',
        },
      });
    if (cut.length)
      notes.push({
        text: `第${cut.join('、')}页`,
        message: {
          zh: '这些页的文字超过读取上限，只导入了前面的部分，请对照原文件核对',
          en: 'these pages hold more text than the reader takes; only their beginning was imported, check them against the original',
        },
      });
    return { pages, notes };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

async function readPage(
  lib: Pdfjs,
  page: PdfPageProxy,
  n: number,
  limits: typeof PDF_LIMITS,
  charsLeft: number,
): Promise<PdfPage | undefined> {
  const viewport = page.getViewport({ scale: 1 });
  const base = viewport.transform as Matrix;
  // Operators first: a page past the operator limit is not read further (its text would be parsed from the same stream).
  const ops = await boundedOperatorList(page, limits.maxOperatorsPerPage);
  if (!ops) return undefined;
  const segments = rulingSegments(ops.fnArray, ops.argsArray, lib.OPS, base, limits.maxSegmentsPerPage);
  const fontNames = fontNamesOf(page);
  const runs: TextRun[] = [];
  let truncated = false;
  let chars = 0;
  const reader = page.streamTextContent({ includeMarkedContent: false, disableNormalization: true }).getReader();
  try {
    for (;;) {
      const chunk = (await reader.read()) as { done: boolean; value?: { items: unknown[] } };
      if (chunk.done || !chunk.value) break;
      for (const item of chunk.value.items) {
        const run = runOf(lib, item, base);
        if (!run) continue;
        run.font = fontNames(run.font);
        // Past the limit the rest is drained, not kept: the page's operators are bounded
        // already, and cancelling pdf.js's stream leaves a rejection nobody handles.
        if (truncated || runs.length >= limits.maxRunsPerPage || chars + run.text.length > charsLeft) {
          truncated = true;
          continue;
        }
        chars += run.text.length;
        runs.push(run);
      }
    }
  } catch {
    return undefined;
  }
  return { number: n, width: viewport.width, height: viewport.height, runs, segments, truncated };
}

/**
 * The fonts' own names (a subset prefix dropped: ABCDEF+SimHei → SimHei) for the ids pdf.js gives
 * text items; the fonts are known once the operator list was read. The id where pdf.js has no name.
 */
function fontNamesOf(page: PdfPageProxy): (id?: string) => string | undefined {
  const objs = (page as unknown as { commonObjs?: { has(id: string): boolean; get(id: string): unknown } }).commonObjs;
  return (id) => {
    if (!id || !objs?.has(id)) return id;
    const name = (objs.get(id) as { name?: unknown } | null)?.name;
    return typeof name === 'string' && name ? name.replace(/^[A-Z]{6}\+/, '') : id;
  };
}

interface RawItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
  fontName?: string;
}

function runOf(lib: Pdfjs, item: unknown, base: Matrix): TextRun | undefined {
  const it = item as RawItem;
  if (typeof it.str !== 'string' || !it.str || !Array.isArray(it.transform)) return undefined;
  const m = lib.Util.transform(base, it.transform) as number[];
  if (!m.every(Number.isFinite)) return undefined;
  const size = Math.hypot(m[2], m[3]) || it.height || 0;
  if (!(size > 0)) return undefined;
  const horizontal = Math.abs(m[1]) <= Math.abs(m[0]) * 0.05 && m[0] > 0;
  return {
    text: it.str,
    x: m[4],
    y: m[5],
    width: horizontal ? Math.max(0, it.width ?? 0) : 0,
    size,
    font: it.fontName,
    ...(horizontal ? {} : { rotated: true }),
  };
}

/** The reason given to pdf.js when a page passes the operator limit; pdf.js wraps it in its AbortException. */
const OPERATOR_LIMIT = 'xxgk-report: operator limit';

/** Whether `reason` is pdf.js's abort of a list this module stopped at the limit. */
export function isOperatorLimitAbort(reason: unknown): boolean {
  return reason instanceof Error && reason.name === 'AbortException' && reason.message === OPERATOR_LIMIT;
}

let lateAbortIgnored = false;

/**
 * pdf.js can reject one of its own promises with that abort after the page was given up
 * (its operator-list pump rethrows when no reader waits any more), out of reach of any
 * catch here; Node would end the CLI or the io worker on it. Once a list was stopped, that
 * rejection, and only it, is dropped; any other unhandled rejection still ends the process as
 * Node's default does, unless the host has its own handler.
 */
function ignoreLateAbort(): void {
  if (lateAbortIgnored) return;
  lateAbortIgnored = true;
  process.on('unhandledRejection', (reason) => {
    if (isOperatorLimitAbort(reason)) return;
    if (process.listenerCount('unhandledRejection') === 1) throw reason;
  });
}

interface IntentState {
  operatorList?: { fnArray: number[]; argsArray: unknown[]; lastChunk: boolean };
  renderTasks?: Set<{ operatorListChanged(): void }>;
}

/**
 * The page's operator list, cancelled once it passes `max` operators. pdf.js has no public
 * limit; its list arrives in chunks (1000 operators) through the page's intent state, which a
 * listener here watches. Undefined when the limit was passed (the page is not read) or pdf.js
 * failed on the page.
 */
async function boundedOperatorList(page: PdfPageProxy, max: number): Promise<{ fnArray: number[]; argsArray: unknown[] } | undefined> {
  const whole = page.getOperatorList();
  // Once the limit stops the list, pdf.js rejects `whole` with its AbortException after the
  // race below is over: handled here, or Node ends the process on an unhandled rejection.
  whole.catch(() => undefined);
  const internals = page as unknown as {
    _intentStates?: Map<unknown, IntentState>;
    _abortOperatorList?(a: { intentState: IntentState; reason: Error; force: boolean }): void;
  };
  let tooMany: () => void = () => undefined;
  const stopped = new Promise<'stopped'>((resolve) => (tooMany = () => resolve('stopped')));
  const state = [...(internals._intentStates?.values() ?? [])].find((s) => s.renderTasks && s.operatorList && !s.operatorList.lastChunk);
  if (state?.renderTasks && internals._abortOperatorList) {
    const watcher = {
      operatorListChanged() {
        if ((state.operatorList?.fnArray.length ?? 0) > max) {
          state.renderTasks?.delete(watcher);
          ignoreLateAbort();
          internals._abortOperatorList?.call(page, { intentState: state, reason: new Error(OPERATOR_LIMIT), force: true });
          tooMany();
        }
      },
    };
    state.renderTasks.add(watcher);
  }
  try {
    const r = await Promise.race([whole, stopped]);
    if (r === 'stopped' || r.fnArray.length > max) return undefined;
    return r;
  } catch {
    return undefined;
  }
}
