/** The copied-text measure: normalisation, template wording left out, MinHash and LSH, paragraph comparison. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderSkeleton } from '../../server/src/core/render';
import {
  SIGNATURE_SIZE,
  candidatePairs,
  compareProse,
  estimatedContainment,
  estimatedJaccard,
  normalizeProse,
  proseOf,
  shingles,
  signature,
} from '../../server/src/review/similarity';
import { paragraph, rng } from '../helpers/draft';

const para = (text: string, line: number) => ({ text, line });

function proseFrom(texts: string[], agency?: string) {
  return proseOf(
    texts.map((t, i) => para(t, i + 1)),
    agency,
  );
}

test('normalised: widths folded, spaces and punctuation gone, every figure alike, the own agency a token', () => {
  assert.equal(normalizeProse('全年公开信息 1,234 条，较上年增加 5.5%。'), normalizeProse('全年公开信息９８条；较上年增加 12%'));
  assert.equal(
    normalizeProse('2024年，青石镇人民政府认真落实', '青石镇人民政府'),
    normalizeProse('2023年，白沙镇人民政府认真落实', '白沙镇人民政府'),
  );
  assert.equal(normalizeProse('【请改写】××镇认真落实（机关名称）'), normalizeProse('镇认真落实'));
});

test('the template’s fixed wording, placeholders and short lines are not compared', () => {
  const skeleton = renderSkeleton({ agency: '青石镇人民政府', year: 2024 }).filter((l) => l && !l.startsWith('#') && !l.startsWith('|'));
  assert.ok(skeleton.length > 5);
  assert.deepEqual(proseFrom(skeleton).paragraphs, []);
  assert.deepEqual(proseFrom(['无。', '2025年1月20日', '青石镇人民政府']).paragraphs, []);
  assert.deepEqual(proseFrom(['> 【请改写】以下是2023年度报告的文字，请按2024年度的实际情况改写，改好后删除本提示。']).paragraphs, []);
  assert.equal(proseFrom(['全年通过镇政府信息公开专栏主动公开政府信息236条，涉及惠民政策和财政资金。']).paragraphs.length, 1);
});

test('a copy with new figures and another name is 100% copied; unrelated generated prose is not', () => {
  const r = rng(5);
  const a = Array.from({ length: 8 }, () => paragraph(r));
  const b = a.map((p) => p.replace(/\d+/g, (d) => String(Number(d) + 7)));
  const pa = proseFrom(a, '甲镇人民政府');
  const pb = proseFrom(b, '乙镇人民政府');
  const same = compareProse(pb, pa);
  assert.equal(same.share, 1);
  assert.equal(same.copied.length, 8);
  assert.deepEqual(
    same.copied.map((c) => [c.line, c.otherLine]),
    a.map((_, i) => [i + 1, i + 1]),
  );
  // Twenty unrelated reports' prose from the same small vocabulary: nothing copied.
  for (let seed = 100; seed < 120; seed++) {
    const rr = rng(seed);
    const other = proseFrom(Array.from({ length: 8 }, () => paragraph(rr)));
    assert.ok(compareProse(other, pa).share < 0.2, `seed ${seed}`);
  }
});

test('half rewritten: the share is the copied paragraphs’ part of the prose, and a split paragraph still counts', () => {
  const r = rng(9);
  const a = Array.from({ length: 6 }, () => paragraph(r));
  const fresh = Array.from({ length: 3 }, () => paragraph(rng(77)));
  const b = [a[0], a[1], a[2], ...fresh];
  const c = compareProse(proseFrom(b), proseFrom(a));
  assert.equal(c.copied.length, 3);
  assert.ok(c.share > 0.3 && c.share < 0.7, String(c.share));
  // One paragraph of A written as two in B.
  const half = Math.floor(a[3].length / 2);
  const split = compareProse(proseFrom([a[3].slice(0, half), a[3].slice(half)]), proseFrom(a));
  assert.equal(split.share, 1);
});

test('MinHash estimates the Jaccard similarity; LSH proposes the near pair and not the unrelated ones', () => {
  const r = rng(3);
  const base = Array.from({ length: 10 }, () => paragraph(r));
  const near = [...base.slice(0, 8), paragraph(rng(91)), paragraph(rng(92))];
  const sets = [base, near].map((t) => new Set(t.flatMap((p) => shingles(normalizeProse(p)))));
  const inter = [...sets[0]].filter((h) => sets[1].has(h)).length;
  const jaccard = inter / (sets[0].size + sets[1].size - inter);
  const sa = signature(proseFrom(base));
  const sb = signature(proseFrom(near));
  assert.equal(sa.length, SIGNATURE_SIZE);
  assert.ok(Math.abs(estimatedJaccard(sa, sb) - jaccard) < 0.15, `${estimatedJaccard(sa, sb)} vs ${jaccard}`);
  assert.ok(estimatedContainment(estimatedJaccard(sa, sb), sets[1].size, sets[0].size) > 0.6);
  // Thirty unrelated texts (random characters): the near pair is proposed, unrelated pairs hardly ever.
  const unrelated = Array.from({ length: 30 }, (_, i) => {
    const rr = rng(500 + i);
    const text = () => Array.from({ length: 120 }, () => String.fromCharCode(0x4e00 + Math.floor(rr() * 0x5000))).join('');
    return signature(proseFrom(Array.from({ length: 10 }, text)));
  });
  const pairs = candidatePairs([sa, sb, ...unrelated]);
  assert.ok(pairs.some(([x, y]) => x === 0 && y === 1));
  assert.ok(pairs.length <= 3, JSON.stringify(pairs));
});
