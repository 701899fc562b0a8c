/**
 * pdf.js and its worker in one module, run in this process: the worker's message handler is
 * handed to pdf.js as `globalThis.pdfjsWorker`, so no worker file is fetched or spawned.
 * build.mjs bundles this file alone as dist/pdfjs.js (CommonJS), required on the first PDF.
 */
// Before pdf.js: it builds a DOMMatrix while it loads.
import './dom-matrix';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
// @ts-expect-error -- the worker module ships without type declarations
import * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';

export { pdfjs };
export const workerHandler = (worker as { WorkerMessageHandler: unknown }).WorkerMessageHandler;
