import type { ValueCell } from '../cells';
import { figure, sum } from '../cells';
import type { Message, Rule } from '../rule';
import type { ReportModel } from '../model';
import { ARITHMETIC_YIELDS_TO } from './helpers';
import { TABLE4_BLOCKS, TABLE4_RESULT_COLUMNS } from '../template';
import { fmt, setCell, table4BlockLabel } from './helpers';
import { proseClaims } from './prose-mismatch';

type BlockId = (typeof TABLE4_BLOCKS)[number]['id'];

interface Block {
  id: BlockId;
  total?: ValueCell;
  parts: { label: string; id: string; cell?: ValueCell }[];
  tv?: number;
  s?: number;
}

function readBlock(data: { cells: Map<string, ValueCell> }, id: BlockId): Block {
  const parts = TABLE4_RESULT_COLUMNS.filter((c) => c.id !== 'total').map((c) => ({
    label: c.label,
    id: c.id,
    cell: data.cells.get(`${id}.${c.id}`),
  }));
  const total = data.cells.get(`${id}.total`);
  const tv = figure(total);
  const pv = parts.map((p) => figure(p.cell));
  return { id, total, parts, tv, s: pv.some((x) => x === undefined) ? undefined : sum(pv as number[]) };
}

/**
 * What the prose says this block's total is: 被申请行政复议1件 for the review block; for a
 * lawsuit block its own phrase, or 行政诉讼N件 less the other lawsuit block when that block
 * adds up. The equation of a block alone never tells which of its five cells is wrong.
 */
function claimedTotals(report: ReportModel, blocks: Map<BlockId, Block>, id: BlockId): { value: number; quote: string }[] {
  const out: { value: number; quote: string }[] = [];
  const other = id === 'direct' ? blocks.get('afterReview') : id === 'afterReview' ? blocks.get('direct') : undefined;
  const otherTotal = other && other.tv !== undefined && other.tv === other.s ? other.tv : undefined;
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
  severity: 'error',
  description: {
    zh: '表四每一组：总计应等于结果维持、结果纠正、其他结果、尚未审结之和',
    en: 'Table 4, each block: total = upheld + corrected + other + pending',
  },
  tags: ['arithmetic'],
  suppressedBy: ARITHMETIC_YIELDS_TO,
  check({ report, emit }) {
    const data = report.table4?.rows.get('data');
    if (!data) return;
    const blocks = new Map(TABLE4_BLOCKS.map((b) => [b.id, readBlock(data, b.id)] as const));
    for (const block of blocks.values()) {
      const { tv, s, total: totalCell } = block;
      if (tv === undefined || s === undefined || s === tv) continue;
      const name = table4BlockLabel(block.id);
      // Offer the new total only when the prose confirms the parts (and not the total).
      const claims = claimedTotals(report, blocks, block.id);
      const forParts = claims.find((c) => c.value === s);
      const forTotal = claims.find((c) => c.value === tv);
      const fix = forParts && !forTotal;
      const note: Message = fix
        ? {
            zh: `；正文“${forParts.quote}”与各结果之和相符，应是总计填错了`,
            en: `; the text (“${forParts.quote}”) agrees with the results, so the total is wrong`,
          }
        : forTotal
          ? {
              zh: `；正文“${forTotal.quote}”与总计相符，可能是某一结果栏填错了，请对照台账核对`,
              en: `; the text agrees with the total: one of the results may be wrong, check the records`,
            }
          : {
              zh: '；仅凭表内数字无法确定是总计还是某一结果栏填错了，请对照台账核对',
              en: '; the figures alone cannot tell whether the total or a result is wrong: check the records',
            };
      emit({
        key: block.id,
        span: totalCell!.span,
        scope: [totalCell!.span, ...block.parts.map((p) => p.cell!.span)],
        message: {
          zh: `表四“${name.zh}”：总计为${fmt(tv)}，但结果维持、结果纠正、其他结果、尚未审结之和为${block.parts.map((p) => fmt(figure(p.cell)!)).join('+')}=${fmt(s)}${note.zh}`,
          en: `Table 4 “${name.en}”: total is ${fmt(tv)} but upheld + corrected + other + pending = ${fmt(s)}${note.en}`,
        },
        related: block.parts.map((p) => ({
          span: p.cell!.span,
          message: { zh: `${p.label}：${fmt(figure(p.cell)!)}`, en: `${p.id}: ${fmt(figure(p.cell)!)}` },
        })),
        fixes: fix
          ? [
              {
                title: { zh: `把总计改为 ${fmt(s)}（与正文所述相符）`, en: `Set the total to ${fmt(s)} (as the text states)` },
                kind: 'value',
                edits: [setCell(totalCell!, s)],
              },
            ]
          : undefined,
      });
    }
  },
};
