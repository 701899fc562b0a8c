/**
 * The measuring of the table widths (io/export-widths.ts, io/export-text.ts) written for speed
 * gives what the plain versions gave: the pieces a line may not be broken in (one pass over the
 * code units instead of a regular expression and a string for each character), the width of a
 * text, and the visible text of a plain cell (returned trimmed without the Markdown patterns).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { eastAsianWidth } from 'get-east-asian-width';
import { emWidth, visibleText, widthOf } from '../../server/src/io/export-text';
import { unbreakable } from '../../server/src/io/export-widths';

/** emWidth as it was: a string for each character. */
function plainEmWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      w += cp >= 0x20 ? 0.55 : 0;
      continue;
    }
    w += eastAsianWidth(cp, { ambiguousAsWide: true }) === 2 ? 1 : 0.55;
  }
  return w;
}

const OPEN = /[（(《“‘「【]/;
const CLOSE = /[）)》”’」】、。，；：！？%]/;

/** unbreakable as it was: pieces by a regular expression, Chinese gathered in a string. */
function plainUnbreakable(line: string): number[] {
  const text = line.trim();
  if (!text) return [];
  if (!/\s/.test(text) && plainEmWidth(text) <= 4) return [plainEmWidth(text)];
  const out: number[] = [];
  const re = /[（(][一二三四五六七八九十\d]{1,3}[）)]|[\x21-\x7e]+|\s+|[^\s\x21-\x7e]/gu;
  const pieces = text.match(re) ?? [];
  let cjk = '';
  const flush = () => {
    if (cjk) out.push(plainEmWidth(cjk));
    cjk = '';
  };
  for (const p of pieces) {
    if (/^\s+$/.test(p)) {
      flush();
      continue;
    }
    if (p.length > 1 || /[\x21-\x7e]/.test(p)) {
      flush();
      out.push(plainEmWidth(p));
      continue;
    }
    if (CLOSE.test(p)) {
      cjk += p;
      continue;
    }
    if (cjk && [...cjk].filter((c) => !CLOSE.test(c) && !OPEN.test(c)).length >= 2 && !OPEN.test(cjk[cjk.length - 1])) flush();
    cjk += p;
  }
  flush();
  return out;
}

const CHARS = [
  ...'政府信息公开申请一二三四五六七八九十',
  ...'（）()《》“”‘’「」【】、。，；：！？%',
  ...'0123456789abcXYZ.-/',
  ' ',
  '\u3000',
  '\u00a0',
  '\t',
  '\u2028',
  '\ufeff',
  '①',
  '𠀀',
  '😀',
  '\ud800',
  '\udc00',
  '\u0001',
  '\u007f',
];
const line = fc.array(fc.constantFrom(...CHARS), { maxLength: 40 }).map((cs) => cs.join(''));

test('unbreakable: the same pieces as the regular-expression version, on any line', () => {
  for (const l of [
    '结果维持',
    '12345',
    '社会公益组织',
    '（三）不予公开',
    '（一二三四）',
    '(12)号',
    '政府信息公开申请情况（件）',
    '  a  b  ',
    '𠀀𠀀𠀀𠀀𠀀',
  ])
    assert.deepEqual(unbreakable(l), plainUnbreakable(l), l);
  fc.assert(
    fc.property(line, (l) => assert.deepEqual(unbreakable(l), plainUnbreakable(l))),
    { seed: 8, numRuns: 3000 },
  );
});

test('emWidth and widthOf: the width of the characters, surrogate pairs as one, lone halves as one each', () => {
  fc.assert(
    fc.property(line, fc.nat(40), fc.nat(40), (l, a, b) => {
      assert.equal(emWidth(l), plainEmWidth(l));
      const [from, to] = [Math.min(a, b, l.length), Math.min(Math.max(a, b), l.length)];
      assert.equal(widthOf(l, from, to), plainEmWidth(l.slice(from, to)));
    }),
    { seed: 9, numRuns: 2000 },
  );
});

test('visibleText: a text without Markdown is itself trimmed; with it, its visible text', () => {
  assert.equal(visibleText('  结果维持 \u3000'), '结果维持');
  assert.equal(visibleText('12 345'), '12 345');
  assert.equal(visibleText('a **b** `c` [d](e) &amp; <br>f'), 'a b c d &\nf');
  assert.equal(visibleText('甲\n乙'), '甲乙');
  assert.equal(visibleText('甲\u2028乙'), '甲\n乙');
});
