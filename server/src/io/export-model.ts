/**
 * What both exporters write, read from a draft by the core's own parser: the title, the
 * blocks in document order, and the three template tables as values by layout key
 * (table-layout.ts). Tables the template does not have are written as they are.
 */
import { buildModel } from '../core/model';
import type { ReportModel } from '../core/model';
import type { RawTable, TextBlock } from '../core/markdown';
import { labelKey } from '../core/normalize';
import { markdownPlainText } from '../core/text/escape';
import { TABLE2_BLOCKS, TABLE3_NOTE, TableId } from '../core/template';

export type ExportBlock =
  | { kind: 'heading'; level: 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string }
  /** The closing lines: the agency and the date, set to the right. */
  | { kind: 'signature'; text: string }
  | { kind: 'table'; table: TableId }
  | { kind: 'raw-table'; rows: string[][] };

export interface ExportModel {
  title?: string;
  blocks: ExportBlock[];
  /** The figure or blank of a template cell, by its layout key (`item1.rules.issued`, `g3.1.natural`, `review.upheld`). */
  value(table: TableId, key: string): string;
  /** Whether the draft has a template row (`item1.rules`, `g3.1`, `data`): rows it lacks are not written. */
  hasRow(table: TableId, rowId: string): boolean;
}

function plain(text: string): string {
  // Escaped source text (`\<img …>` written by the import) stays text; soft line breaks inside
  // a Chinese paragraph join without a space.
  return markdownPlainText(text)
    .replace(/\s*\n\s*/g, '')
    .trim();
}

const BLOCK_LABEL_KEYS = new Set(TABLE2_BLOCKS.map((b) => labelKey(b.label)));
const NOTE_KEY = labelKey(TABLE3_NOTE);

const DATE_LINE = /^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;

/** The date at the end of the report, and the short agency line just above it, are the signature. */
function markSignature(blocks: ExportBlock[]): void {
  let i = blocks.length - 1;
  while (i >= 0 && blocks[i].kind === 'paragraph' && /^（?此件公开发布）?$|^抄送/.test((blocks[i] as { text: string }).text)) i--;
  const date = blocks[i];
  if (!date || date.kind !== 'paragraph' || !DATE_LINE.test(date.text)) return;
  blocks[i] = { kind: 'signature', text: date.text };
  const agency = blocks[i - 1];
  if (agency?.kind === 'paragraph' && agency.text.length <= 30 && !/[。，；：]/.test(agency.text))
    blocks[i - 1] = { kind: 'signature', text: agency.text };
}

export function exportModel(markdown: string): ExportModel {
  const doc = buildModel(markdown);
  const report: ReportModel | undefined = doc.reports[0];
  const blocks: ExportBlock[] = [];
  const titleSpan = report?.title?.line.lineSpan;
  const items: { start: number; block?: ExportBlock; table?: RawTable; section?: number; text?: TextBlock }[] = [];
  const addBlocks = (list: TextBlock[], section?: number) => {
    for (const b of list) {
      if (b.kind === 'comment') continue;
      if (titleSpan && b.span.start >= titleSpan.start && b.span.end <= titleSpan.end) continue;
      items.push({ start: b.span.start, text: b, section });
    }
  };
  if (report) {
    addBlocks([...report.preamble.paragraphs, ...report.preamble.headings]);
    for (const t of report.preamble.tables) items.push({ start: t.span.start, table: t });
    for (const s of report.sections) {
      const heading = doc.text.slice(s.head.titleSpan.start, s.head.titleSpan.end);
      items.push({ start: s.head.lineSpan.start, block: { kind: 'heading', level: 2, text: plain(heading) } });
      addBlocks([...s.headings, ...s.paragraphs], s.number);
      for (const t of s.tables) items.push({ start: t.span.start, table: t, section: s.number });
    }
  }
  items.sort((a, b) => a.start - b.start);

  const template: Partial<Record<TableId, boolean>> = {
    table2: !!report?.table2 && report.table2.rows.size > 0 && report.table2.outdated.length === 0,
    table3: !!report?.table3 && report.table3.rows.size > 0 && report.table3.outdated.length === 0,
    table4: !!report?.table4 && report.table4.rows.size > 0,
  };
  const sectionTable: Record<number, TableId> = { 2: 'table2', 3: 'table3', 4: 'table4' };
  const placed = new Set<TableId>();
  for (const it of items) {
    if (it.block) {
      blocks.push(it.block);
      continue;
    }
    if (it.table) {
      const t = it.section ? sectionTable[it.section] : undefined;
      if (t && template[t]) {
        if (!placed.has(t)) {
          placed.add(t);
          blocks.push({ kind: 'table', table: t });
        }
        continue;
      }
      blocks.push({ kind: 'raw-table', rows: it.table.rows.map((r) => r.cells.map((c) => plain(c.raw))) });
      continue;
    }
    const b = it.text!;
    const text = plain(b.text);
    if (!text) continue;
    // Labels the official table carries itself.
    if (it.section === 2 && template.table2 && BLOCK_LABEL_KEYS.has(labelKey(text))) continue;
    if (it.section === 3 && template.table3 && labelKey(text) === NOTE_KEY) continue;
    if (b.kind === 'heading') blocks.push({ kind: 'heading', level: Math.min(4, Math.max(3, b.depth ?? 3)) as 3 | 4, text });
    else blocks.push({ kind: 'paragraph', text });
  }

  markSignature(blocks);

  const value = (table: TableId, key: string): string => {
    if (!report) return '';
    if (table === 'table2') {
      const [block, row, col] = key.split('.');
      return report.table2?.rows.get(`${block}.${row}`)?.cells.get(col)?.raw ?? '';
    }
    if (table === 'table3') {
      const i = key.lastIndexOf('.');
      return report.table3?.rows.get(key.slice(0, i))?.cells.get(key.slice(i + 1))?.raw ?? '';
    }
    return report.table4?.rows.get('data')?.cells.get(key)?.raw ?? '';
  };
  const hasRow = (table: TableId, rowId: string): boolean => {
    if (!report) return false;
    if (table === 'table2') return report.table2?.rows.has(rowId) ?? false;
    if (table === 'table3') return report.table3?.rows.has(rowId) ?? false;
    return true;
  };
  return { hasRow, title: report?.title ? plain(report.title.line.text.replace(/^#+\s*/, '')) : undefined, blocks, value };
}
