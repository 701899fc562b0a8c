/** The "年报结构" view: its data, the insertion of a missing section, and template texts. */
import type { SectionModel } from '../core/index';
import type { TemplateKind as CoreTemplateKind } from '../core/render';
import { core } from '../core-loader';
import { structureOf, toTextEdits } from '../lsp';
import type { Structure, TemplateParams, VersionedEdits } from '../protocol';
import type { CancellationToken, ReportDocument, ServiceContext } from './types';

export function getStructure(ctx: ServiceContext, document: ReportDocument, _token?: CancellationToken): Structure | null {
  const analysis = ctx.resultOf(document).analysis;
  if (!analysis) return null;
  const structure = structureOf(document.uri, analysis);
  const report = analysis.model.reports[0];
  for (const s of [...structure.sections, ...structure.extraSections]) {
    const section = report?.sections.find((x) => x.number === s.number && x.head.line === s.line);
    if (section && unwritten(analysis.model.text, section)) s.unwritten = true;
  }
  return structure;
}

/**
 * A section that holds placeholders and nothing else: no table, and no paragraph with any text
 * once its placeholders are blanked (the model's paragraphs are blanked already). The view
 * shows it as not written, whatever the severity the text-placeholder rule is set to.
 */
function unwritten(text: string, s: SectionModel): boolean {
  if (s.tables.length) return false;
  const blocks = [...s.paragraphs, ...s.headings.filter((h) => !/^\s*[（(][一二三四五六七八九十]+[）)]/.test(h.text))];
  if (blocks.some((b) => b.text.trim() !== '')) return false;
  return [...s.paragraphs, ...s.headings].some((b) => core().findPlaceholders(text.slice(b.span.start, b.span.end)).length > 0);
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
