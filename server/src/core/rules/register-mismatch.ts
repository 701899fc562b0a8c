import { figure } from '../cells';
import { plainOf } from '../prose';
import type { Message, Rule } from '../rule';
import type { RegisterTally } from '../register/types';
import { TABLE3_COLUMNS, TABLE3_ROWS } from '../template';
import { fmt, setCell, table3ColumnName, table3RowName } from './helpers';

/** At most this many register rows are named in one message (the hover and `tally --format json` list all). */
const MAX_ROWS_NAMED = 12;

function rowList(rows: number[]): Message {
  if (!rows.length) return { zh: '台账中没有对应的行', en: 'no register row' };
  const shown = rows.slice(0, MAX_ROWS_NAMED);
  const more = rows.length - shown.length;
  return {
    zh: `台账第 ${shown.join('、')} 行${more ? ` 等 ${rows.length} 行` : ''}`,
    en: `register row${rows.length > 1 ? 's' : ''} ${shown.join(', ')}${more ? ` and ${more} more` : ''}`,
  };
}

function leftOut(tally: RegisterTally): Message {
  const rows = [...new Set(tally.problems.flatMap((p) => p.rows))].sort((a, b) => a - b);
  if (!rows.length) return { zh: '', en: '' };
  return {
    zh: `；台账另有 ${rows.length} 行未能归入表三，未计入（第 ${rows.slice(0, MAX_ROWS_NAMED).join('、')}${rows.length > MAX_ROWS_NAMED ? ' 等' : ''} 行，见 xxgk-report tally）`,
    en: `; ${rows.length} register row(s) could not be placed and are not counted (see xxgk-report tally)`,
  };
}

/** Section 六 says no fee was collected. */
const NO_FEE =
  /(?:未|没有|不|无)[^。；;，,]{0,12}(?:收取|收费|产生|缴纳)[^。；;]{0,20}(?:处理费|费用)|(?:处理费|收费)[^。；;]{0,12}(?:为\s*0|为零|均为0|无)/;

/**
 * Table 三 against the request register: with a register configured (xxgkReport.register or
 * `register` in .xxgk-report.json), every cell whose figure differs from the register's count
 * is an error naming both figures and the register rows; its quick fix sets the register's
 * figure. The service reads and tallies the file (service/register.ts); this rule only compares.
 */
export const registerMismatch: Rule = {
  code: 'register-mismatch',
  catalog: 320,
  severity: 'error',
  description: {
    zh: '表三的数字与依申请公开台账的统计不一致（配置了台账时）',
    en: 'A table 3 figure differs from the count of the request register (when one is configured)',
  },
  tags: ['table'],
  check({ report, options, emit }) {
    const register = options.register;
    const t3 = report.table3;
    const year = report.title?.year;
    if (!register || !t3 || !year) return;
    const anchor = t3.tables[0];
    if (register.error) {
      if (anchor)
        emit({
          key: 'unreadable',
          span: anchor.rows[0]?.span ?? anchor.span,
          severity: 'warning',
          message: {
            zh: `无法读取依申请公开台账 ${register.file}，表三未与台账核对：${register.error.zh}`,
            en: `The request register ${register.file} cannot be read; table 3 was not checked against it: ${register.error.en}`,
          },
        });
      return;
    }
    const tally = register.tally(year);
    if (!tally) return;
    if (tally.problems.some((p) => p.code === 'no-header') && !tally.columns.length) {
      if (anchor)
        emit({
          key: 'no-header',
          span: anchor.rows[0]?.span ?? anchor.span,
          severity: 'warning',
          message: {
            zh: `依申请公开台账 ${register.file} 中找不到表头，表三未与台账核对`,
            en: `No header row found in the request register ${register.file}; table 3 was not checked against it`,
          },
        });
      return;
    }
    const note = leftOut(tally);
    for (const row of TABLE3_ROWS) {
      const mapped = t3.rows.get(row.id);
      if (!mapped) continue;
      for (const col of TABLE3_COLUMNS) {
        const cell = mapped.cells.get(col.id);
        const value = figure(cell);
        const counted = tally.cells[row.id]?.[col.id];
        if (value === undefined || !counted || value === counted.value) continue;
        const r = table3RowName(row.id);
        const c = table3ColumnName(col.id);
        const rows = rowList(counted.rows);
        emit({
          key: `${row.id}.${col.id}`,
          span: cell!.span,
          message: {
            zh: `表三${r.zh}行${c.zh}列为 ${fmt(value)}，依申请公开台账（${register.file}）统计为 ${fmt(counted.value)}：${rows.zh}${note.zh}`,
            en: `Table 3, row ${r.en}, column ${c.en}: ${fmt(value)} in the draft, ${fmt(counted.value)} in the request register (${register.file}): ${rows.en}${note.en}`,
          },
          fixes: [
            {
              title: { zh: `按台账改为 ${fmt(counted.value)}`, en: `Set it to the register's ${fmt(counted.value)}` },
              kind: 'value',
              edits: [setCell(cell!, counted.value)],
            },
          ],
        });
      }
    }
    // Fees recorded in the register while section 六 says none were collected.
    if (tally.feeRows.length) {
      for (const s of report.sections.filter((x) => x.number === 6)) {
        const said = s.paragraphs.find((p) => NO_FEE.test(plainOf(p.text, 0).text.replace(/\s+/g, '')));
        if (!said) continue;
        const rows = rowList(tally.feeRows);
        emit({
          key: 'fees',
          span: said.span,
          severity: 'warning',
          message: {
            zh: `正文说未收取信息处理费，但依申请公开台账（${register.file}）记录了 ${tally.feeRows.length} 件收费的申请：${rows.zh}`,
            en: `The text says no information processing fee was collected, but the request register (${register.file}) records fees for ${tally.feeRows.length} application(s): ${rows.en}`,
          },
        });
        break;
      }
    }
  },
};
