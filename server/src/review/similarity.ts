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
const SHINGLE = 6;
/** Paragraphs shorter than this (normalised) are not compared: dates, signatures, “无。”. */
const MIN_PARAGRAPH = 12;
/** Share of a paragraph's shingles found in the other report's matching paragraphs for it to count as copied. */
const PARAGRAPH_CONTAINMENT = 0.7;
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
 * A report's prose as sorted arrays (a few bytes per character of prose): stored in the spool,
 * read back for each comparison without any index to build.
 */
export interface PackedProse {
  lines: Uint32Array;
  chars: Uint32Array;
  /** Paragraph k's shingles are hashes[offsets[k] .. offsets[k + 1]), sorted. */
  offsets: Uint32Array;
  hashes: Uint32Array;
  /** Every shingle of the report, sorted, once. */
  all: Uint32Array;
  totalChars: number;
}

export function packProse(prose: Prose): PackedProse {
  const n = prose.paragraphs.length;
  const offsets = new Uint32Array(n + 1);
  prose.paragraphs.forEach((p, k) => (offsets[k + 1] = offsets[k] + p.hashes.length));
  const hashes = new Uint32Array(offsets[n]);
  prose.paragraphs.forEach((p, k) => hashes.set(p.hashes, offsets[k]));
  const all = Uint32Array.from(new Set(hashes)).sort();
  return {
    lines: Uint32Array.from(prose.paragraphs.map((p) => p.line)),
    chars: Uint32Array.from(prose.paragraphs.map((p) => p.chars)),
    offsets,
    hashes,
    all,
    totalChars: prose.chars,
  };
}

/** The packed prose as bytes: counts, then the five arrays (little-endian u32). */
export function proseBytes(p: PackedProse): Buffer {
  const head = Uint32Array.of(p.lines.length, p.hashes.length, p.all.length, p.totalChars);
  const parts = [head, p.lines, p.chars, p.offsets, p.hashes, p.all];
  const out = new Uint32Array(parts.reduce((n, x) => n + x.length, 0));
  let at = 0;
  for (const x of parts) {
    out.set(x, at);
    at += x.length;
  }
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

export function proseFromBytes(bytes: Uint8Array): PackedProse {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  const u = new Uint32Array(copy.buffer, 0, copy.length >> 2);
  const [n, h, a, totalChars] = u;
  let at = 4;
  const take = (len: number) => u.subarray(at, (at += len));
  return { lines: take(n), chars: take(n), offsets: take(n + 1), hashes: take(h), all: take(a), totalChars };
}

/** How many of the sorted values `xs` occur in the sorted `ys` (binary search from a moving start). */
function countIn(xs: Uint32Array, ys: Uint32Array): number {
  let found = 0,
    lo = 0;
  for (const x of xs) {
    let hi = ys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ys[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo < ys.length && ys[lo] === x) found++;
  }
  return found;
}

function has(ys: Uint32Array, x: number): boolean {
  let lo = 0,
    hi = ys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ys[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo < ys.length && ys[lo] === x;
}

/** Values of `xs` that occur in any of the sorted arrays `sets`. */
function countInAny(xs: Uint32Array, sets: Uint32Array[]): number {
  let found = 0;
  for (const x of xs) if (sets.some((ys) => has(ys, x))) found++;
  return found;
}

function paragraph(p: PackedProse, k: number): Uint32Array {
  return p.hashes.subarray(p.offsets[k], p.offsets[k + 1]);
}

/**
 * How much of A's prose is found in B: each paragraph of A is matched to the paragraph of B
 * sharing most shingles, and counts as copied when PARAGRAPH_CONTAINMENT of its shingles occur
 * in that paragraph or its neighbours (one paragraph may have been split in two). `copied`
 * gives paragraph indexes and lines; the caller adds the excerpts it needs.
 */
export function comparePacked(
  a: PackedProse,
  b: PackedProse,
): { share: number; copied: { paragraph: number; line: number; otherLine: number; containment: number }[] } {
  const copied: { paragraph: number; line: number; otherLine: number; containment: number }[] = [];
  let copiedChars = 0;
  const bCount = b.lines.length;
  for (let k = 0; k < a.lines.length; k++) {
    const p = paragraph(a, k);
    if (!p.length) continue;
    // A paragraph that B does not hold even scattered over all its text is no copy: the cheap test first.
    if (countIn(p, b.all) < PARAGRAPH_CONTAINMENT * p.length) continue;
    let best = -1,
      most = 0;
    for (let q = 0; q < bCount; q++) {
      const n = countIn(p, paragraph(b, q));
      if (n > most) {
        best = q;
        most = n;
      }
    }
    if (best < 0) continue;
    const near = [
      paragraph(b, best),
      ...(best > 0 ? [paragraph(b, best - 1)] : []),
      ...(best + 1 < bCount ? [paragraph(b, best + 1)] : []),
    ];
    const containment = countInAny(p, near) / p.length;
    if (containment >= PARAGRAPH_CONTAINMENT) {
      copied.push({ paragraph: k, line: a.lines[k], otherLine: b.lines[best], containment });
      copiedChars += a.chars[k];
    }
  }
  return { share: a.totalChars ? copiedChars / a.totalChars : 0, copied };
}

/** comparePacked on unpacked prose, with the excerpts (tests, small batches). */
export function compareProse(a: Prose, b: Prose): Comparison {
  const c = comparePacked(packProse(a), packProse(b));
  return {
    share: c.share,
    copied: c.copied.map((x) => ({
      line: x.line,
      excerpt: a.paragraphs[x.paragraph].excerpt,
      otherLine: x.otherLine,
      containment: x.containment,
    })),
  };
}
