/**
 * Table 三 of an imported or pasted grid: each row named by its label path through the one
 * label matcher (labels.ts, the parser's reader), its figures taken exactly as written.
 */
import { Table3RowReader, namesTable3FirstRows } from '../labels';
import { labelKey } from '../normalize';
import { OUTDATED_2019, TABLE3_APPLICANT_GROUP, TABLE3_COLUMNS, TABLE3_CORNER } from '../template';
import { UnmappedItem, cellKind, hasNumber, labelText, positionalValues, positions, rowText, rowValues } from './cells';
import type { GridCell, GridTable } from './model';

interface Row3 {
  id: string;
  values: string[];
  /** Label texts for the draft, by template id (row id, group id, level-1 id such as 'results'). */
  labels: Map<string, string>;
}

export interface Mapped3 {
  rows: Map<string, Row3>;
  columnLabels: Map<string, string>;
  /** The 2019 layout's single （六）其他处理 row. */
  g6Single?: Row3;
}

const T3_IDS = TABLE3_COLUMNS.map((c) => c.id);
const COLUMN_KEYS = TABLE3_COLUMNS.map((c) => ({ c, keys: [c.label, ...(c.variants ?? [])].map(labelKey) }));
const HEADER_WORDS = new Set([labelKey(TABLE3_CORNER), labelKey(TABLE3_APPLICANT_GROUP)]);

function isTable3Data(row: GridCell[]): boolean {
  return row.some((c) => !c.covered && (cellKind(c.text) === 'number' || namesTable3FirstRows(c.text)));
}

/** Reads the labels of one row; the draft keeps each label as written unless it was only recognised loosely. */
function identify(reader: Table3RowReader, texts: string[]): { id?: string; groupOnly?: string; labels: Map<string, string> } {
  const reading = reader.read(texts);
  const labels = new Map<string, string>();
  for (const m of reading.matches) labels.set(m.id, labelText(m.part.raw, m.canonical, m.match));
  return { id: reading.id, groupOnly: reading.groupOnly, labels };
}

export function map3(tables: GridTable[], issues: UnmappedItem[]): Mapped3 {
  const out: Mapped3 = { rows: new Map(), columnLabels: new Map() };
  const reader = new Table3RowReader();
  const n = TABLE3_COLUMNS.length;
  const issue = (text: string, zh: string, en: string, kept = false) =>
    issues.push({ table: 'table3', text, message: { zh, en }, ...(kept ? { kept } : {}) });
  for (const t of tables) {
    const pos = positions(t, isTable3Data, TABLE3_COLUMNS);
    for (const u of pos?.unknown ?? [])
      issue(
        u,
        '表三中有模板以外的列，这一列的数字没有导入',
        'table 3 has a column the template does not have; its figures were not imported',
      );
    for (const [id, w] of pos?.written ?? [])
      if (!out.columnLabels.has(id)) out.columnLabels.set(id, labelText(w.text, TABLE3_COLUMNS.find((c) => c.id === id)!.label, w.match));
    for (const row of t.rows) {
      const texts = row.filter((c) => !c.covered && cellKind(c.text) === 'text').map((c) => c.text);
      // Header cells: column labels (a variant such as 社会组织 is kept as written).
      let header = false;
      for (const text of texts) {
        const k = labelKey(text);
        const col = COLUMN_KEYS.find((x) => x.keys.includes(k));
        if (col) {
          header = true;
          if (!out.columnLabels.has(col.c.id)) out.columnLabels.set(col.c.id, labelText(text, col.c.label, 'exact'));
        } else if (HEADER_WORDS.has(k) || k.includes('勾稽关系')) header = true;
      }
      if (header && !hasNumber(row)) continue;
      const {
        labels: labelCells,
        values,
        extra,
        short,
      } = pos ? { ...positionalValues(row, pos, T3_IDS), extra: false, short: false } : rowValues(row, n);
      const who = identify(reader, labelCells);
      const hasFigures = values?.some((v) => v !== '') ?? true;
      if (!who.id) {
        if (who.groupOnly === OUTDATED_2019.table3SingleRowGroup && hasFigures && values && !out.g6Single) {
          out.g6Single = { id: 'g6', values, labels: who.labels };
        } else if (hasFigures && rowText(row)) {
          issue(
            rowText(row),
            '表三中有一行无法对应到模板的行，已作为文字保留',
            'a row of table 3 matches no template row; kept as text',
            true,
          );
        }
        // Label fragments alone (a label broken by a page break, a merged label written out): nothing to keep.
        continue;
      }
      if (out.rows.has(who.id)) {
        issue(rowText(row), '表三中的行重复出现，后一行已作为文字保留', 'a table-3 row appears twice; the second is kept as text', true);
        continue;
      }
      if (extra || !values) {
        issue(
          rowText(row),
          `表三这一行的数字多于${n}个，无法确定各列，已作为文字保留（表中留空）`,
          `this table-3 row has more than ${n} figures; kept as text (left blank in the table)`,
          true,
        );
        out.rows.set(who.id, { id: who.id, values: Array<string>(n).fill(''), labels: who.labels });
        continue;
      }
      if (short) {
        issue(
          rowText(row),
          `表三这一行只有${values.filter((v) => v !== '').length}个数字，缺少的单元格在行末留空，请核对`,
          'this table-3 row has fewer figures than columns; the missing cells are left blank at its end',
        );
      }
      out.rows.set(who.id, { id: who.id, values, labels: who.labels });
    }
  }
  return out;
}
