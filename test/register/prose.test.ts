/**
 * Issue 21.2: prose read with its subject. Each clause of the 依申请公开 prose is (subject,
 * figure, unit); subjects come from the register's answer dictionary; only clauses about
 * applications are compared, never counts of documents; a clause whose subject is a single
 * case (信息不存在, 撤回) or unclear is not compared. Realistic variants, exact findings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/index';
import { readClaims } from '../../server/src/core/rules/prose-mismatch';
import { fixture } from '../core/util';

const BASE = fixture('clean/town-2024.md');
const PROSE =
  '全年共收到政府信息公开申请12件，上年结转1件，办结12件，结转下年度1件。办结的申请中，予以公开6件，部分公开1件，不予公开1件，无法提供3件，不予处理1件，均在法定期限内答复。';

function withProse(p: string, table = BASE): string {
  if (!table.includes(PROSE)) throw new Error('prose not found');
  return table.replace(PROSE, p);
}

const claims = (s: string) => readClaims(s, 2024).map((c) => `${c.kind} ${c.value}${c.unit}`);
const mismatches = (text: string) =>
  analyze(text)
    .findings.filter((f) => f.code === 'prose-mismatch')
    .map((f) => f.message);

test('prose: answers listed by kind are read with their subjects (同意公开 = 予以公开, 无法提供), not as 总计', () => {
  const s = '本年度共办结政府信息公开申请12件，其中给予同意公开答复6件，不予公开答复1件，因无法提供相关信息答复3件。';
  assert.deepEqual(claims(s), ['handled 12件', 'g1 6件', 'g3 1件', 'g4 3件']);
  // All agree with the table: nothing to say.
  assert.deepEqual(mismatches(withProse(s)), []);
  // The real contradiction is found, and only it: K against （四） total, never against （七）总计.
  const wrong = '本年度共办结政府信息公开申请12件，其中给予同意公开答复6件，不予公开答复1件，因无法提供相关信息答复2件。';
  assert.deepEqual(mismatches(withProse(wrong)), ['正文“无法提供相关信息答复2件”与表三“（四）无法提供”3件不符']);
});

test('prose: the dictionary’s wordings name the groups (区分处理, 部分不予公开, 不予以公开, 不同意公开, 否决公开)', () => {
  assert.deepEqual(claims('申请中区分处理1件。'), ['g2 1件']);
  assert.deepEqual(claims('办结的申请中部分不予公开1件。'), ['g2 1件']);
  assert.deepEqual(claims('办结的申请中不予以公开1件，同意公开6件。'), ['g3 1件', 'g1 6件']);
  assert.deepEqual(claims('办结的申请中不同意公开1件。'), ['g3 1件']);
  assert.deepEqual(claims('依申请公开答复中否决公开1件。'), ['g3 1件']);
  // In a report: the same figures, clean; a wrong one, named with its group.
  assert.deepEqual(mismatches(withProse('全年共收到政府信息公开申请12件，其中同意公开6件，区分处理1件，不予以公开2件。')), [
    '正文“不予以公开2件”与表三“（三）不予公开”1件不符',
  ]);
});

test('prose: a single case (信息不存在, 非本机关, 重复申请, 撤回) is read as its subject but not compared', () => {
  // Old vocabulary: 信息不存在 and 非本机关 are both （四）1 now; neither is the group's total.
  assert.deepEqual(claims('全年收到申请12件，其中信息不存在2件，非本机关1件，申请人撤回2件，重复申请1件。'), ['received 12件']);
  assert.deepEqual(mismatches(withProse('全年共收到政府信息公开申请12件，其中信息不存在2件，非本机关1件。')), []);
  // Its 答复 N 件 is no claim about all answers either.
  assert.deepEqual(claims('办结申请12件，以信息不存在答复2件。'), ['handled 12件']);
  assert.deepEqual(claims('办结申请12件，对信访举报投诉类申请答复1件。'), ['handled 12件']);
});

test('prose: counts of documents (条/篇/份 of 信息、文件) are never compared with table 三', () => {
  const docs = '全年印发公文类政府信息共120条，其中主动公开100条，依申请公开15条，不予公开5条。';
  assert.deepEqual(claims(docs), []);
  // In a report whose 依申请公开 paragraph talks about applications too: only those are read.
  const text = withProse(`${docs}全年共收到政府信息公开申请12件，不予公开1件。`);
  assert.deepEqual(mismatches(text), []);
  assert.deepEqual(claims('全年制发文件30份，其中不予公开2份。'), []);
  assert.deepEqual(claims('全年发布政府信息86篇，不予公开的3篇。'), []);
  // 条 of applications is still read (收到申请1条).
  assert.deepEqual(claims('本年度收到政府信息公开申请3条，予以公开3条。'), ['received 3条', 'g1 3条']);
});

test('prose: the unit of every claim is kept; negations count as 0 件', () => {
  const read = readClaims('全年未收到政府信息公开申请。', 2024);
  assert.deepEqual(
    read.map((c) => [c.kind, c.value, c.unit, c.negated]),
    [['received', 0, '件', true]],
  );
});
