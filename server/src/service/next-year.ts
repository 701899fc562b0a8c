/**
 * `xxgkReport/nextYear`: next year's draft from last year's report (core/next-year.ts), for the
 * VS Code command 年报：新建下一年度报告. Last year's report is the open document `uri`, or the
 * file at `uri`, or `text`. The server writes nothing: the client opens the draft.
 */
import { fileURLToPath } from 'node:url';
import { core } from '../core-loader';
import { readInputFile } from '../input';
import type { NextYearParams, NextYearResult } from '../protocol';
import type { ReportDocument, ServiceContext } from './types';

export function getNextYearDraft(ctx: ServiceContext, params: NextYearParams, open?: ReportDocument): NextYearResult {
  let text: string | undefined = open?.getText();
  if (text === undefined && typeof params?.text === 'string') text = params.text;
  if (text === undefined && typeof params?.uri === 'string' && params.uri.startsWith('file:')) {
    let path: string;
    try {
      path = fileURLToPath(params.uri);
    } catch {
      return { ok: false, message: { zh: `无效的文件地址：${params.uri}`, en: `Not a file URI: ${params.uri}` } };
    }
    const read = readInputFile(path, ctx.config.maxDocumentBytes);
    if (read.error !== undefined || read.text === undefined)
      return { ok: false, message: { zh: read.error ?? `无法读取 ${path}`, en: `Cannot read ${path}` } };
    text = read.text;
  }
  if (text === undefined) return { ok: false, message: { zh: '没有给出上一年度的报告', en: 'No report of last year given' } };
  const r = core().nextYearDraft(text, { skeleton: params?.skeleton === true });
  if (!r.ok) return { ok: false, message: r.error };
  return {
    ok: true,
    text: r.draft.text,
    year: r.draft.year,
    agency: r.draft.agency,
    carried: r.draft.carried,
    fileName: core().reportFileName(r.draft.agency, r.draft.year),
  };
}
