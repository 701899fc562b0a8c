/**
 * Property-based fuzzing of the analysis core over mutated report drafts (fast-check).
 *
 *   node --import tsx --test test/fuzz.test.ts                      # a few runs, fixed seed (part of npm run test:unit)
 *   npm run fuzz                                                    # the long run: 1000 runs of each property
 *   FUZZ_RUNS=5000 node --import tsx --test test/fuzz.test.ts       # 5000 runs of each property
 *   FUZZ_SEED=7 FUZZ_RUNS=2000 node --import tsx --test test/fuzz.test.ts   # another seed
 *
 * Seeds: test/fixtures/seeds/seed-*.md, test/fixtures/clean/*.md, the rendered skeleton (zeros and
 * blanks) and a generated draft with plausible figures. Mutations: lines deleted, duplicated and
 * swapped; cells emptied or filled with text; tabs, full-width spaces, emoji, lone surrogates and
 * random unicode inserted; CRLF; unterminated tables; a BOM; 100-column tables; deeply nested
 * lists; section and report titles inserted; the text cut short.
 *
 * Properties: analysis never throws and no rule fails; every finding's span and related span lies
 * inside the document; every fix's edits lie inside the document and do not overlap; fix-all twice
 * equals fix-all once; a DocumentAnalyzer fed successive versions (its segment cache and its
 * table-cell patching) finds exactly what a fresh analyze finds; a long segment parsed in pieces
 * equals the segment parsed whole.
 * A failure prints fast-check's counterexample (seed, path, the mutations): replay it with
 * FUZZ_SEED and the printed path, or rebuild the text with `mutate(SEEDS[i], mutations)`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Analysis, DocumentAnalyzer, analyze, applyEdits, renderSkeleton, safeFixEdits } from '../server/src/core/index';
import { parseSegment, patchSegment } from '../server/src/core/markdown';
import { generateReport } from './helpers/draft';

const RUNS = Number(process.env.FUZZ_RUNS) || undefined;
const SEED = Number(process.env.FUZZ_SEED) || 20240123;
/** Without FUZZ_RUNS, an eighth of each property's usual count: the unit suite stays fast; `npm run fuzz` goes long. */
const runs = (n: number) => ({ seed: SEED, numRuns: RUNS ?? Math.max(5, Math.round(n / 8)), endOnFailure: true });
/** Drafts sampled for the generator's sanity check. */
const SAMPLE = RUNS ? 200 : 60;

const FIXTURES = join(__dirname, 'fixtures');
const read = (dir: string) =>
  readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith('.md') && f !== 'EXPECTED.md')
    .sort()
    .map((f) => readFileSync(join(FIXTURES, dir, f), 'utf8'));

export const SEEDS: string[] = [
  ...read('seeds'),
  ...read('clean'),
  renderSkeleton({ agency: '安乐镇人民政府', year: 2023 }).join('\n'),
  renderSkeleton({ value: () => '' }).join('\n'),
  generateReport({ seed: 3 }),
];

// ---------------------------------------------------------------------------
// Mutations: plain data (so that fast-check prints and shrinks them), applied line-wise.

export type Mutation =
  | { k: 'delete' | 'dup' | 'unterminate' | 'truncate' | 'crlf-line'; i: number }
  | { k: 'swap'; i: number; j: number }
  | { k: 'cell'; i: number; c: number; text: string }
  | { k: 'insert'; i: number; text: string }
  | { k: 'line'; i: number; text: string }
  | { k: 'crlf' | 'bom' }
  | { k: 'wide'; i: number; cols: number }
  | { k: 'nest'; i: number; depth: number };

const ODD = [
  '',
  '0',
  '12',
  '58件',
  '10（件）',
  '１２',
  '1,234',
  '3.5',
  '-1',
  '—',
  '无',
  '/',
  ' ',
  '\t',
  '\u3000',
  '\u00a0',
  '\u200b',
  '😀',
  '👨‍👩‍👧',
  '\ud800',
  '\udc00',
  '\0',
  '\r',
  '|',
  '\\|',
  '\\',
  '**3**',
  '`1|2`',
  '<!--',
  '-->',
  '```',
  '~~~',
  '<pre>',
  '# 一、总体情况',
  '二、主动公开政府信息情况',
  '## 三、收到和处理政府信息公开申请情况',
  '四、',
  '（七）总计',
  '第二十条第（一）项',
  '# 某县人民政府2023年政府信息公开工作年度报告',
  '2024年1月20日',
  '- ',
  '> ',
  '    ',
  '[^1]: x',
  '[a]: http://x',
  'www.example.com',
  '| a | b |',
  '| --- | ---: |',
  '---',
  '===',
  '<!-- xxgk-disable -->',
  '<!-- xxgk-disable-next-line balance -->',
];

const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...ODD), { maxLength: 4 }).map((xs) => xs.join('')) },
);

const idx = fc.nat({ max: 1_000_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constantFrom('delete' as const, 'dup' as const, 'unterminate' as const, 'crlf-line' as const), i: idx }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('truncate' as const), i: idx }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('swap' as const), i: idx, j: idx }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('cell' as const), i: idx, c: fc.nat({ max: 12 }), text }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('insert' as const), i: idx, text }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('line' as const), i: idx, text }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constantFrom('crlf' as const, 'bom' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('wide' as const), i: idx, cols: fc.integer({ min: 20, max: 100 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('nest' as const), i: idx, depth: fc.integer({ min: 5, max: 60 }) }) },
);

/** Lines keep their \r (CRLF documents stay CRLF); the text is rejoined with \n. */
function lines(s: string): string[] {
  return s.split('\n');
}

export function apply(doc: string, m: Mutation): string {
  const ls = lines(doc);
  const at = (i: number) => i % Math.max(1, ls.length);
  switch (m.k) {
    case 'delete':
      ls.splice(at(m.i), 1);
      return ls.join('\n');
    case 'dup':
      ls.splice(at(m.i), 0, ls[at(m.i)]);
      return ls.join('\n');
    case 'swap': {
      const a = at(m.i),
        b = at(m.j);
      [ls[a], ls[b]] = [ls[b], ls[a]];
      return ls.join('\n');
    }
    case 'unterminate': {
      // A table row loses its trailing pipe(s), or is cut in the middle.
      const rows = ls.map((l, i) => (l.includes('|') ? i : -1)).filter((i) => i >= 0);
      if (!rows.length) return doc;
      const r = rows[m.i % rows.length];
      ls[r] = m.i % 2 ? ls[r].replace(/\|\s*\r?$/, '') : ls[r].slice(0, Math.floor(ls[r].length / 2));
      return ls.join('\n');
    }
    case 'crlf-line': {
      const a = at(m.i);
      if (!ls[a].endsWith('\r')) ls[a] += '\r';
      return ls.join('\n');
    }
    case 'truncate':
      return doc.slice(0, m.i % (doc.length + 1));
    case 'cell': {
      // Empty or fill one cell of a table row (the edit a user makes most).
      const rows = ls.map((l, i) => (/^\s*\|.*\|/.test(l) ? i : -1)).filter((i) => i >= 0);
      if (!rows.length) return doc;
      const r = rows[m.i % rows.length];
      const parts = ls[r].split('|');
      if (parts.length < 3) return doc;
      const c = 1 + (m.c % (parts.length - 2));
      parts[c] = m.text === '' ? ' ' : ` ${m.text} `;
      ls[r] = parts.join('|');
      return ls.join('\n');
    }
    case 'insert': {
      const o = m.i % (doc.length + 1);
      return doc.slice(0, o) + m.text + doc.slice(o);
    }
    case 'line':
      ls.splice(at(m.i), 0, m.text);
      return ls.join('\n');
    case 'crlf':
      return doc.replace(/\r?\n/g, '\r\n');
    case 'bom':
      return doc.startsWith('\ufeff') ? doc : `\ufeff${doc}`;
    case 'wide': {
      const n = m.cols;
      const row = (f: (j: number) => string) => `| ${Array.from({ length: n }, (_, j) => f(j)).join(' | ')} |`;
      ls.splice(
        at(m.i),
        0,
        '',
        row((j) => `列${j}`),
        row(() => '---:'),
        row((j) => String(j)),
        row(() => ''),
        '',
      );
      return ls.join('\n');
    }
    case 'nest': {
      const out: string[] = [];
      for (let d = 0; d < m.depth; d++) out.push(`${'  '.repeat(d)}${d % 3 === 2 ? '1.' : '-'} 第${d}层 | ${d}`);
      ls.splice(at(m.i), 0, ...out);
      return ls.join('\n');
    }
  }
}

export function mutate(doc: string, ms: Mutation[]): string {
  return ms.reduce(apply, doc);
}

const seedIndex = fc.nat({ max: SEEDS.length - 1 });
const mutations = (max: number) => fc.array(mutation, { minLength: 1, maxLength: max });

// ---------------------------------------------------------------------------
// Checks

function inside(s: { start: number; end: number }, length: number): boolean {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= length;
}

function checkAnalysis(doc: string, a: Analysis): void {
  assert.deepEqual(a.failures, [], 'a rule threw');
  for (const f of a.findings) {
    assert.ok(inside(f.span, doc.length), `${f.code} span ${JSON.stringify(f.span)} outside 0..${doc.length}`);
    for (const r of f.related ?? []) {
      // A related place in another document (last year's report) has that document's offsets.
      if ((r as { uri?: string }).uri !== undefined) continue;
      assert.ok(inside(r.span, doc.length), `${f.code} related span ${JSON.stringify(r.span)} outside 0..${doc.length}`);
    }
    for (const fix of f.fixes ?? []) {
      const sorted = [...fix.edits].sort((x, y) => x.start - y.start || x.end - y.end);
      sorted.forEach((e, i) => {
        assert.ok(inside(e, doc.length), `${f.code} fix “${fix.title}” edit ${JSON.stringify(e)} outside 0..${doc.length}`);
        if (i > 0) assert.ok(e.start >= sorted[i - 1].end, `${f.code} fix “${fix.title}” has overlapping edits ${JSON.stringify(sorted)}`);
      });
    }
  }
  const safe = safeFixEdits(a.findings);
  assert.doesNotThrow(() => applyEdits(doc, safe), 'safeFixEdits gave overlapping edits');
}

/** Findings without functions or identity: comparable with deepEqual. */
function comparable(a: Analysis) {
  return a.findings.map((f) => ({ ...f }));
}

// ---------------------------------------------------------------------------

test('fuzz: analysis never throws, spans and fix edits lie inside the document', () => {
  fc.assert(
    fc.property(seedIndex, mutations(6), (s, ms) => {
      const doc = mutate(SEEDS[s], ms);
      checkAnalysis(doc, analyze(doc));
    }),
    runs(200),
  );
});

test('fuzz: fix-all twice equals fix-all once', () => {
  fc.assert(
    fc.property(seedIndex, mutations(4), (s, ms) => {
      const doc = mutate(SEEDS[s], ms);
      const once = applyEdits(doc, safeFixEdits(analyze(doc).findings));
      const again = analyze(once);
      checkAnalysis(once, again);
      const twice = applyEdits(once, safeFixEdits(again.findings));
      assert.equal(twice, once, `fix-all changed the text again: ${JSON.stringify(safeFixEdits(again.findings))}`);
    }),
    runs(80),
  );
});

test('fuzz: a DocumentAnalyzer fed successive versions finds what a fresh analysis finds', () => {
  fc.assert(
    fc.property(seedIndex, fc.array(mutations(3), { minLength: 2, maxLength: 5 }), (s, steps) => {
      const analyzer = new DocumentAnalyzer();
      let doc = SEEDS[s];
      analyzer.analyze(doc);
      for (const ms of steps) {
        doc = mutate(doc, ms);
        const cached = analyzer.analyze(doc);
        const fresh = analyze(doc);
        checkAnalysis(doc, cached);
        assert.deepEqual(comparable(cached), comparable(fresh));
        assert.deepEqual(
          cached.model.reports.map((r) => r.sections.map((x) => [x.number, x.span])),
          fresh.model.reports.map((r) => r.sections.map((x) => [x.number, x.span])),
        );
      }
    }),
    runs(40),
  );
});

test('fuzz: a table-cell edit patched from the previous parse equals a fresh parse', () => {
  const cellEdit = fc.record({ k: fc.constant('cell' as const), i: idx, c: fc.nat({ max: 12 }), text });
  fc.assert(
    fc.property(seedIndex, fc.array(cellEdit, { minLength: 1, maxLength: 3 }), (s, ms) => {
      let prev = SEEDS[s];
      let parsed = parseSegment(prev);
      for (const m of ms) {
        const next = apply(prev, m);
        const patched = patchSegment(parsed, prev, next);
        const fresh = parseSegment(next);
        if (patched) assert.deepEqual(patched, fresh);
        prev = next;
        parsed = fresh;
      }
    }),
    runs(100),
  );
});

test('fuzz: a segment parsed in pieces cut at safe blank lines equals the segment parsed whole', () => {
  fc.assert(
    fc.property(seedIndex, mutations(6), fc.integer({ min: 1, max: 400 }), (s, ms, chunk) => {
      const doc = mutate(SEEDS[s], ms);
      assert.deepEqual(parseSegment(doc, chunk), parseSegment(doc, Infinity));
    }),
    runs(80),
  );
});

test('fuzz: the mutations do reach the interesting cases (sanity check of the generator)', () => {
  const docs = fc.sample(fc.tuple(seedIndex, mutations(6)), { seed: SEED, numRuns: SAMPLE }).map(([s, ms]) => mutate(SEEDS[s], ms));
  assert.ok(docs.some((d) => d.includes('\r\n')));
  assert.ok(docs.some((d) => d.startsWith('\ufeff')));
  assert.ok(
    docs.some((d) => /\|(?: [^|]*\|){40,}/.test(d)),
    '100-column tables',
  );
  const findings = docs.map((d) => analyze(d).findings.length);
  // More than a quarter of the sample (50 of 200 before the sample was made configurable).
  assert.ok(findings.filter((n) => n > 0).length > SAMPLE / 4, 'mutated drafts do have findings');
});
