/** The "年报结构" view: its data, the insertion of a missing section, and template texts. */
import type { SectionNumber } from '../core/template';
import { core } from '../core-loader';
import { structureOf, toTextEdits } from '../lsp';
import type { Structure, TemplateParams, VersionedEdits } from '../protocol';
import type { CancellationToken, ReportDocument, ServiceContext } from './types';

export function getStructure(ctx: ServiceContext, document: ReportDocument, _token?: CancellationToken): Structure | null {
  const analysis = ctx.resultOf(document).analysis;
  return analysis ? structureOf(document.uri, analysis) : null;
}

/** The edit inserting section `number` where section-missing would put it (even when that rule is off). */
export function getInsertSectionEdits(ctx: ServiceContext, document: ReportDocument, number: number, _token?: CancellationToken): VersionedEdits {
  const analysis = ctx.resultOf(document).analysis;
  const rule = core().ruleByCode('section-missing');
  if (!analysis || !rule || !Number.isInteger(number)) return { version: document.version, edits: [] };
  const { findings } = core().runRules(analysis.model, { locale: ctx.config.locale, forceReport: true }, undefined, [rule]);
  const fix = findings.find((f) => f.key === `section-missing:${number}`)?.fixes?.[0];
  return { version: document.version, edits: fix ? toTextEdits(analysis.model.lines, fix.edits) : [] };
}

/** Template text for the "插入模板" command; null for an unknown kind. */
export function getTemplate(params: TemplateParams): { text: string } | null {
  const eol = typeof params?.eol === 'string' ? params.eol : '\n';
  const kind = params?.kind;
  if (kind === 'report') {
    const year = typeof params.year === 'number' ? params.year : new Date().getFullYear() - 1;
    return { text: core().joinLines(core().renderSkeleton({ agency: params.agency, year }), eol) };
  }
  if (kind === 'table2' || kind === 'table3' || kind === 'table4') return { text: core().joinLines(core().renderTable(kind), eol) + eol };
  const m = typeof kind === 'string' ? /^section:([1-6])$/.exec(kind) : null;
  if (m) return { text: core().joinLines(core().renderSection(Number(m[1]) as SectionNumber), eol) + eol };
  return null;
}
