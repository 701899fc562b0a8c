/** The "年报结构" view: its data, the insertion of a missing section, and template texts. */
import type { TemplateKind as CoreTemplateKind } from '../core/render';
import { core } from '../core-loader';
import { structureOf, toTextEdits } from '../lsp';
import type { Structure, TemplateParams, VersionedEdits } from '../protocol';
import type { CancellationToken, ReportDocument, ServiceContext } from './types';

export function getStructure(ctx: ServiceContext, document: ReportDocument, _token?: CancellationToken): Structure | null {
  const analysis = ctx.resultOf(document).analysis;
  return analysis ? structureOf(document.uri, analysis) : null;
}

/** The edit inserting section `number` where section-missing would put it (even when that rule is off). */
export function getInsertSectionEdits(
  ctx: ServiceContext,
  document: ReportDocument,
  number: number,
  _token?: CancellationToken,
): VersionedEdits {
  const analysis = ctx.resultOf(document).analysis;
  const rule = core().ruleByCode('section-missing');
  if (!analysis || !rule || !Number.isInteger(number)) return { version: document.version, edits: [] };
  const { findings } = core().runRules(analysis.model, { locale: ctx.config.locale, forceReport: true }, undefined, [rule]);
  const fix = findings.find((f) => f.key === `section-missing:${number}`)?.fixes?.[0];
  return { version: document.version, edits: fix ? toTextEdits(analysis.model.lines, fix.edits) : [] };
}

/**
 * Template text for the "插入模板" command; null for an unknown kind. Tables are blank (cell-empty
 * asks for every figure); the default year is the one being drafted now (core draftingYear).
 */
export function getTemplate(params: TemplateParams): { text: string } | null {
  const eol = typeof params?.eol === 'string' ? params.eol : '\n';
  const kind = params?.kind;
  if (typeof kind !== 'string' || !/^(report|table[234]|section:[1-6])$/.test(kind)) return null;
  const text = core().renderTemplate(kind as CoreTemplateKind, {
    agency: typeof params.agency === 'string' ? params.agency : undefined,
    year: typeof params.year === 'number' && Number.isInteger(params.year) ? params.year : undefined,
    eol,
  });
  return text === undefined ? null : { text };
}
