/** From the service's result to the review's record: places, sections, and table 三's marked cells. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OptionsResolver } from '../../server/src/options';
import { createReportService } from '../../server/src/service/index';
import { documentProse, findingRows, table3Snapshot } from '../../server/src/review/extract';
import { generateReport } from '../helpers/draft';

function check(text: string) {
  const service = createReportService({
    config: new OptionsResolver({ warn: () => undefined }),
    logger: { log: () => undefined, warn: () => undefined },
  });
  return service.getResult({ uri: 'file:///r.md', version: 1, getText: () => text });
}

/** Sets cell `index` (0 = the first label) of the table row whose labels include `label`. */
function setCell(text: string, label: string, index: number, value: (old: string) => string): string {
  return text
    .split('\n')
    .map((line) => {
      if (!line.startsWith('|') || !line.includes(label)) return line;
      const cells = line.split('|');
      cells[index + 1] = ` ${value(cells[index + 1].trim())} `;
      return cells.join('|');
    })
    .join('\n');
}

test('a blank cell and a wrong total are marked wrong, the cells summed involved; places are 1-based with their section', () => {
  let text = generateReport({ seed: 21, agency: '青石镇人民政府', year: 2023 });
  // 表三: labels in three columns, then 自然人 … 其他, 总计.
  text = setCell(text, '1.属于国家秘密', 3, () => '');
  text = setCell(text, '（二）部分公开', 9, (old) => String(Number(old) + 5));
  const result = check(text);
  const snapshot = table3Snapshot(result)!;
  assert.equal(snapshot.values['g3.1.natural'], '');
  assert.equal(snapshot.marks['g3.1.natural']?.level, 'wrong', JSON.stringify(snapshot.marks));
  // The one cell that explains row-total, result-total and balance of the 总计 column at once.
  const wrong = snapshot.marks['g2.total'];
  assert.equal(wrong?.level, 'wrong', JSON.stringify(snapshot.marks));
  assert.match(wrong.messages[0], /^这一格能解释所有不相符的核对：应为 \d+$/);
  assert.equal(snapshot.marks['total.total']?.level, 'involved');
  assert.ok(Object.values(snapshot.marks).some((m) => m.level === 'involved'));
  const rows = findingRows(result, (u) => u);
  const blank = rows.find((f) => f.code === 'cell-empty')!;
  const line = text.split('\n').findIndex((l) => l.includes('1.属于国家秘密')) + 1;
  assert.equal(blank.line, line);
  assert.equal(blank.section, '三、收到和处理政府信息公开申请情况');
  assert.ok(blank.fixes?.length);
  // The prose: the generated paragraphs, not the template's wording.
  const prose = documentProse(result);
  assert.ok(prose.paragraphs.length >= 5);
  assert.ok(prose.paragraphs.every((p) => !p.excerpt.startsWith('本报告根据')));
});
