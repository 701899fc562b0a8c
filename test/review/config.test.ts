/** review.copiedThreshold and review.scoring: validated where they enter, described by the schema, applied as data. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfigText } from '../../server/src/options';
import { RULE_TAGS, RULES } from '../../server/src/core/index';
import { REVIEW_CODES } from '../../server/src/review/codes';
import { DEFAULT_SCORING, score, validateReviewSettings, type Scoring } from '../../server/src/review/config';
import { schema } from '../../scripts/generate';

test('a valid review section is taken as written; a scoring table given replaces the default', () => {
  const c = parseConfigText(
    JSON.stringify({
      review: {
        copiedThreshold: 0.3,
        scoring: { total: 100, rules: { balance: { points: 10, cap: 20 }, 'tag:content': 2, 'text-copied': { points: 50 } } },
      },
    }),
    '/x/.xxgk-report.json',
  );
  assert.deepEqual(c.warnings, []);
  assert.equal(c.review?.copiedThreshold, 0.3);
  assert.deepEqual(c.review?.scoring, {
    total: 100,
    rules: { balance: { points: 10, cap: 20 }, 'tag:content': { points: 2 }, 'text-copied': { points: 50 } },
  });
});

test('bad values are left out with a sentence naming them and the default used', () => {
  const warnings: string[] = [];
  const known = (k: string) => ['balance', 'tag:arithmetic'].includes(k);
  const s = validateReviewSettings(
    {
      copiedThreshold: 2,
      scoring: { total: -1, rules: { nope: 1, balance: { points: -3 }, 'tag:arithmetic': { points: 1, cap: 'x', extra: 1 } } },
      other: 1,
    },
    warnings,
    known,
  );
  assert.equal(s.copiedThreshold, 0.5);
  assert.equal(s.scoring.total, 10);
  assert.deepEqual(s.scoring.rules, { 'tag:arithmetic': { points: 1 } });
  assert.equal(warnings.length, 7, warnings.join('\n'));
  assert.ok(warnings.some((w) => /review 中未知的项 other/.test(w)));
  assert.ok(warnings.some((w) => /copiedThreshold 的值 2 无效.*默认值 0\.5/.test(w)));
  assert.ok(warnings.some((w) => /nope 既不是规则代码也不是 tag:标签/.test(w)));
  const none: string[] = [];
  assert.deepEqual(validateReviewSettings('x', none, known).scoring, DEFAULT_SCORING);
  assert.equal(none.length, 1);
});

test('unknown keys of the config file still warn; review is known; the schema describes it', () => {
  assert.deepEqual(parseConfigText('{ "review": {} }', 'f').warnings, []);
  assert.match(parseConfigText('{ "reveiw": {} }', 'f').warnings.join(), /未知的配置项 reveiw/);
  const s = schema() as { properties: Record<string, { properties: Record<string, unknown> }> };
  assert.deepEqual(Object.keys(s.properties.review.properties), ['copiedThreshold', 'scoring']);
  // A scoring key naming a rule that does not exist is refused by the validation, not silently used.
  assert.match(parseConfigText('{ "review": { "scoring": { "rules": { "no-such-rule": 1 } } } }', 'f').warnings.join(), /no-such-rule/);
});

test('score: per finding up to the cap, a code before its tag, never below zero', () => {
  const scoring: Scoring = {
    total: 10,
    rules: { balance: { points: 2 }, 'tag:arithmetic': { points: 1, cap: 2 }, 'section-missing': { points: 5, cap: 5 } },
  };
  const tags = (code: string) => (['balance', 'row-total', 'result-total'].includes(code) ? ['arithmetic'] : ['structure']);
  const f = (...codes: string[]) => codes.map((code) => ({ code }));
  assert.deepEqual(score(f(), scoring, tags), { score: 10, deductions: [] });
  // balance by its code (2 each), row-total and result-total by the tag (1 each, cap 2).
  assert.deepEqual(score(f('balance', 'row-total', 'result-total', 'row-total'), scoring, tags), {
    score: 6,
    deductions: [
      { key: 'balance', count: 1, points: 2 },
      { key: 'tag:arithmetic', count: 3, points: 2 },
    ],
  });
  assert.equal(score(f('section-missing', 'section-missing', 'balance', 'balance', 'balance'), scoring, tags).score, 0);
  assert.equal(score(f('section-order'), scoring, tags).score, 10, 'not in the table: no deduction');
});

test('every key of the default scoring table names a rule or a tag, with its basis', () => {
  const codes = new Set<string>([...RULES.map((r) => r.code), ...REVIEW_CODES.map((c) => c.code)]);
  for (const [key, e] of Object.entries(DEFAULT_SCORING.rules)) {
    assert.ok(key.startsWith('tag:') ? (RULE_TAGS as readonly string[]).includes(key.slice(4)) : codes.has(key), key);
    assert.ok(e.basis, `${key} has no basis`);
  }
});
