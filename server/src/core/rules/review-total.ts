import { Check, diagnose } from '../arithmetic';
import { sum } from '../cells';
import type { Message, Rule } from '../rule';
import type { ReportModel } from '../model';
import { TABLE4_BLOCKS, TABLE4_RESULT_COLUMNS } from '../template';
import { ARITHMETIC_YIELDS_TO, fmt, setCell, table4BlockLabel } from './helpers';
import { checkScope, fixOrExplanation, splitHint, withNotes } from './arithmetic-findings';
import { proseClaims } from './prose-mismatch';

type BlockId = (typeof TABLE4_BLOCKS)[number]['id'];

/** A block's total and the sum of its results, when every figure is read (a misshapen row included). */
function totals(c: Check | undefined): { tv?: number; s?: number } {
  if (!c || c.residual === undefined) return {};
  const tv = c.left[0].value!;
  return { tv, s: sum([tv, -c.residual]) };
}

/**
 * What the prose says this block's total is: 被申请行政复议1件 for the review block; for a
 * lawsuit block its own phrase, or 行政诉讼N件 less the other lawsuit block when that block
 * adds up. The equation of a block alone never tells which of its five cells is wrong.
 */
function claimedTotals(report: ReportModel, blocks: Map<string, Check>, id: BlockId): { value: number; quote: string }[] {
  const out: { value: number; quote: string }[] = [];
  const other = totals(id === 'direct' ? blocks.get('afterReview') : id === 'afterReview' ? blocks.get('direct') : undefined);
  const otherTotal = other.tv !== undefined && other.tv === other.s ? other.tv : undefined;
  for (const { claim } of proseClaims(report)) {
    if (claim.percent) continue;
    if (claim.kind === id) out.push({ value: claim.value, quote: claim.quote });
    else if (claim.kind === 'litigation' && otherTotal !== undefined && claim.value >= otherTotal)
      out.push({ value: claim.value - otherTotal, quote: claim.quote });
  }
  return out;
}

export const reviewTotal: Rule = {
  code: 'review-total',
  catalog: 270,
  severity: 'error',
  description: {
    zh: '表四每一组：总计应等于结果维持、结果纠正、其他结果、尚未审结之和',
    en: 'Table 4, each block: total = upheld + corrected + other + pending',
  },
  tags: ['arithmetic'],
  suppressedBy: ARITHMETIC_YIELDS_TO,
  check({ report, emit }) {
    const t = report.table4;
    if (!t?.rows.get('data')) return;
    const d = diagnose(t, 'table4');
    const blocks = new Map(d.checks.map((c) => [c.key, c]));
    const locator = fixOrExplanation(d, 'table4');
    for (const c of d.failing) {
      const id = c.key as BlockId;
      const { tv, s } = totals(c) as { tv: number; s: number };
      const totalCell = c.left[0].cell!;
      const name = table4BlockLabel(id);
      // Offer the new total only when the prose confirms the parts (and not the total).
      const claims = claimedTotals(report, blocks, id);
      const forParts = claims.find((x) => x.value === s);
      const forTotal = claims.find((x) => x.value === tv);
      const byProse = !!forParts && !forTotal;
      const note: Message | undefined = byProse
        ? {
            zh: `；正文“${forParts.quote}”与各结果之和相符，应是总计填错了`,
            en: `; the text (“${forParts.quote}”) agrees with the results, so the total is wrong`,
          }
        : forTotal
          ? {
              zh: `；正文“${forTotal.quote}”与总计相符，可能是某一结果栏填错了，请对照台账核对`,
              en: `; the text agrees with the total: one of the results may be wrong, check the records`,
            }
          : locator.fix
            ? undefined
            : {
                zh: '；仅凭表内数字无法确定是总计还是某一结果栏填错了，请对照台账核对',
                en: '; the figures alone cannot tell whether the total or a result is wrong: check the records',
              };
      const split = splitHint(d, c, 'table4');
      emit({
        key: id,
        span: totalCell.span,
        scope: checkScope(c),
        message: withNotes(
          {
            zh: `表四“${name.zh}”：总计为${fmt(tv)}，但结果维持、结果纠正、其他结果、尚未审结之和为${c.right.map((p) => fmt(p.value!)).join('+')}=${fmt(s)}`,
            en: `Table 4 “${name.en}”: total is ${fmt(tv)} but upheld + corrected + other + pending = ${fmt(s)}`,
          },
          split.note,
          note,
        ),
        related: [
          ...c.right.map((p) => {
            const result = p.ref!.column.split('.')[1];
            const label = TABLE4_RESULT_COLUMNS.find((x) => x.id === result)!.label;
            return { span: p.cell!.span, message: { zh: `${label}：${fmt(p.value!)}`, en: `${result}: ${fmt(p.value!)}` } };
          }),
          ...split.related,
        ],
        fixes: byProse
          ? [
              {
                title: { zh: `把总计改为 ${fmt(s)}（与正文所述相符）`, en: `Set the total to ${fmt(s)} (as the text states)` },
                kind: 'value',
                edits: [setCell(totalCell, s)],
              },
            ]
          : locator.fix
            ? [locator.fix]
            : undefined,
      });
    }
  },
};
