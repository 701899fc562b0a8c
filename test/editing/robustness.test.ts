/** Bad input never crashes hover, code lens, formatting or the next-year draft. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tableLenses } from '../../server/src/core/codelens';
import { applyEdits } from '../../server/src/core/findings';
import { formatEdits } from '../../server/src/core/format';
import { hoverAt } from '../../server/src/core/hover';
import { buildModel } from '../../server/src/core/model';
import { nextYearDraft } from '../../server/src/core/next-year';
import { balancedReport } from './util';

const BASE = balancedReport();
const PIECES = [
  '|',
  '\\',
  '\\|',
  '\n',
  '\r\n',
  ' ',
  '　',
  '-',
  ':',
  '0',
  '12',
  '—',
  '（三）',
  '1.',
  '## 三、收到和处理政府信息公开申请情况\n',
  '> ',
  '`',
  '<!--',
  '-->',
  '**',
  '\uFEFF',
  '\u0301',
  '😀',
];

const mutated = fc
  .array(
    fc.record({
      at: fc.nat(BASE.length),
      del: fc.nat(40),
      ins: fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((x) => x.join('')),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((edits) => {
    let text = BASE;
    for (const e of edits) {
      const at = Math.min(e.at, text.length);
      text = text.slice(0, at) + e.ins + text.slice(at + e.del);
    }
    return text;
  });

test('fuzz: mutated reports — hover anywhere, lenses, formatting (idempotent), next year never throw', () => {
  fc.assert(
    fc.property(mutated, fc.array(fc.nat(BASE.length + 50), { maxLength: 40 }), (text, offsets) => {
      const doc = buildModel(text);
      for (const o of [...offsets, -1, 0, text.length, text.length + 5]) {
        const h = hoverAt(doc, o);
        if (h) assert.ok(h.span.start >= 0 && h.span.end <= text.length && h.span.start <= h.span.end);
      }
      tableLenses(doc);
      tableLenses(doc, 'en', true);
      const once = applyEdits(text, formatEdits(doc));
      assert.equal(applyEdits(once, formatEdits(buildModel(once))), once);
      const r = nextYearDraft(text);
      if (r.ok) assert.ok(r.draft.year > 1900);
    }),
    { seed: Number(process.env.FUZZ_SEED ?? 20261130), numRuns: Number(process.env.FUZZ_RUNS ?? 15) },
  );
});
