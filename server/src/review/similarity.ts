/**
 * Copied-text measure (text-copied), pure: prose paragraphs normalised (width folded, spaces
 * and punctuation dropped, every figure the same, the report's own agency name a token), cut
 * into 6-character shingles; a MinHash signature per report (128 values) and LSH banding find
 * the pairs worth comparing, and the paragraphs of a pair are then compared exactly.
 */
import { BASE_MARK, REWRITE_MARK } from '../core/next-year';
import { renderSkeleton } from '../core/render';
import { TABLE3_NOTE } from '../core/template';

/** Characters per shingle: long enough that unrelated Chinese prose rarely shares one. */
export const SHINGLE = 6;
/** Paragraphs shorter than this (normalised) are not compared: dates, signatures, “无。”. */
export const MIN_PARAGRAPH = 12;
/** Share of a paragraph's shingles found in the other report's matching paragraphs for it to count as copied. */
export const PARAGRAPH_CONTAINMENT = 0.7;
/** Reports with less prose than this (normalised characters) are not judged: too little to say. */
export const MIN_PROSE = 80;
export const SIGNATURE_SIZE = 128;
/** LSH: 64 bands of 2 values; pairs sharing a band are compared on their signatures. */
const BANDS = SIGNATURE_SIZE / 2;
const ROWS = 2;

const PLACEHOLDER_MARKS = /【[^】]{0,20}】|[×xX＊*]{2,}|[（(](?:机关名称|年份)[）)]/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** The comparison form of a paragraph: what copying keeps, with what a copier changes (figures, the agency's name) made equal. */
export function normalizeProse(text: string, agency?: string): string {
  let t = text.replace(PLACEHOLDER_MARKS, '').normalize('NFKC');
  if (agency) t = t.split(agency.normalize('NFKC')).join('机关');
  return t
    .replace(NOT_WORD, '')
    .replace(/\d+(?:\.\d+)?/g, '0')
    .toLowerCase();
}

let templateWording: Set<string> | undefined;

/** The template's fixed paragraphs (the opening sentence, placeholders, table 三's note), normalised. */
function isTemplateWording(norm: string): boolean {
  if (!templateWording) {
    templateWording = new Set<string>();
    for (const line of [...renderSkeleton({ agency: '机关', year: 2000 }), TABLE3_NOTE]) {
      const l = line.trim();
      if (!l || l.startsWith('#') || l.startsWith('|')) continue;
      templateWording.add(normalizeProse(l));
    }
  }
  return templateWording.has(norm);
}

/** FNV-1a over the UTF-16 units of s[from, to). */
function fnv(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The distinct shingle hashes of a normalised paragraph, sorted. */
export function shingles(norm: string): number[] {
  const out = new Set<number>();
  if (norm.length <= SHINGLE) out.add(fnv(norm, 0, norm.length));
  else for (let i = 0; i + SHINGLE <= norm.length; i++) out.add(fnv(norm, i, i + SHINGLE));
  return [...out].sort((a, b) => a - b);
}

export interface ProseParagraph {
  /** 1-based line of the paragraph in the checked draft. */
  line: number;
  /** The start of the paragraph as written, for messages. */
  excerpt: string;
  /** Normalised length: the weight of the paragraph in the share. */
  chars: number;
  hashes: number[];
}

export interface Prose {
  paragraphs: ProseParagraph[];
  chars: number;
}

/** The paragraphs worth comparing: not template wording, not placeholders, not too short. */
export function proseOf(paragraphs: readonly { text: string; line: number }[], agency?: string): Prose {
  const out: ProseParagraph[] = [];
  let chars = 0;
  for (const p of paragraphs) {
    // The next-year draft's notes to the writer are the tool's words, not the report's.
    const lead = p.text.replace(/^[\s>]+/, '');
    if (lead.startsWith(REWRITE_MARK) || lead.startsWith(BASE_MARK)) continue;
    const norm = normalizeProse(p.text, agency);
    if (norm.length < MIN_PARAGRAPH || isTemplateWording(norm)) continue;
    const excerpt = p.text.replace(/\s+/g, ' ').trim();
    out.push({
      line: p.line,
      excerpt: excerpt.length > 40 ? `${excerpt.slice(0, 40)}…` : excerpt,
      chars: norm.length,
      hashes: shingles(norm),
    });
    chars += norm.length;
  }
  return { paragraphs: out, chars };
}

/** murmur3's finaliser: a good 32-bit mix, so seed ^ h gives independent-looking permutations. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS: number[] = (() => {
  const s: number[] = [];
  let x = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    x = mix(x + 0x6d2b79f5);
    s.push(x);
  }
  return s;
})();

/** The MinHash signature of a report's shingles (all paragraphs together). */
export function signature(prose: Prose): number[] {
  const sig = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (const p of prose.paragraphs)
    for (const h of p.hashes)
      for (let i = 0; i < SIGNATURE_SIZE; i++) {
        const v = mix(h ^ SEEDS[i]);
        if (v < sig[i]) sig[i] = v;
      }
  return sig;
}

/** The share of equal signature values: an estimate of the Jaccard similarity of the two shingle sets. */
export function estimatedJaccard(a: readonly number[], b: readonly number[]): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / SIGNATURE_SIZE;
}

/**
 * Estimated containment of A's shingles in B's from the Jaccard estimate and the set sizes:
 * |A∩B| = J(|A|+|B|)/(1+J).
 */
export function estimatedContainment(j: number, sizeA: number, sizeB: number): number {
  if (!sizeA) return 0;
  return Math.min(1, (j * (sizeA + sizeB)) / (1 + j) / sizeA);
}

/**
 * Pairs (i < j) whose signatures share at least one band: the candidates. 64 bands of 2 values
 * find pairs from a Jaccard similarity of about 0.3 almost surely (a half-copied report); the
 * caller filters the candidates on their estimated containment before comparing paragraphs.
 */
export function candidatePairs(signatures: readonly (readonly number[] | undefined)[]): [number, number][] {
  const n = signatures.length;
  const seen = new Set<number>();
  const out: [number, number][] = [];
  for (let b = 0; b < BANDS; b++) {
    const buckets = new Map<string, number[]>();
    signatures.forEach((sig, i) => {
      if (!sig || sig[0] === 0xffffffff) return;
      const key = `${sig[b * ROWS]},${sig[b * ROWS + 1]}`;
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    });
    for (const list of buckets.values()) {
      for (let x = 0; x < list.length; x++)
        for (let y = x + 1; y < list.length; y++) {
          const k = list[x] * n + list[y];
          if (seen.has(k)) continue;
          seen.add(k);
          out.push([list[x], list[y]]);
        }
    }
  }
  return out;
}

export interface CopiedParagraph {
  line: number;
  excerpt: string;
  /** The line of the matching paragraph in the other report. */
  otherLine: number;
  containment: number;
}

export interface Comparison {
  /** Share of A's prose (normalised characters) in copied paragraphs. */
  share: number;
  copied: CopiedParagraph[];
}

/**
 * How much of A's prose is found in B: each paragraph of A is matched to the paragraph of B
 * sharing most shingles, and counts as copied when PARAGRAPH_CONTAINMENT of its shingles occur
 * in that paragraph or its neighbours (one paragraph may have been split in two).
 */
export function compareProse(a: Prose, b: Prose): Comparison {
  const where = new Map<number, number[]>();
  b.paragraphs.forEach((q, qi) => {
    for (const h of q.hashes) {
      const list = where.get(h);
      if (list) {
        if (list[list.length - 1] !== qi) list.push(qi);
      } else where.set(h, [qi]);
    }
  });
  const sets = b.paragraphs.map((q) => new Set(q.hashes));
  const copied: CopiedParagraph[] = [];
  let copiedChars = 0;
  for (const p of a.paragraphs) {
    const votes = new Map<number, number>();
    for (const h of p.hashes) for (const qi of where.get(h) ?? []) votes.set(qi, (votes.get(qi) ?? 0) + 1);
    let best = -1,
      most = 0;
    for (const [qi, n] of votes)
      if (n > most || (n === most && qi < best)) {
        best = qi;
        most = n;
      }
    if (best < 0) continue;
    let found = 0;
    for (const h of p.hashes) if (sets[best].has(h) || sets[best - 1]?.has(h) || sets[best + 1]?.has(h)) found++;
    const containment = found / p.hashes.length;
    if (containment >= PARAGRAPH_CONTAINMENT) {
      copied.push({ line: p.line, excerpt: p.excerpt, otherLine: b.paragraphs[best].line, containment });
      copiedChars += p.chars;
    }
  }
  return { share: a.chars ? copiedChars / a.chars : 0, copied };
}
