/**
 * The review's scratch folder: drafts, prose and records wait on disk, not in memory, so a
 * batch of any size holds only one document per worker and a small summary per file. Records
 * are appended as lines as they finish and read back by index, one at a time, in batch order.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeUtf8 } from '../encoding';
import { proseFromBytes, type PackedProse } from './similarity';
import type { ReportRecord } from './types';

/**
 * A draft the review wrote into its scratch folder (the worker that checks it reads it back);
 * undefined when it is gone. The scratch folder is the review's own storage, not input: read
 * here, beside the spool's other reads, rather than by input.ts's reader of users' files.
 */
export function readSpooledDraft(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export class Spool {
  readonly dir: string;
  private readonly fd: number;
  private size = 0;
  private readonly where = new Map<number, { at: number; length: number }>();

  /** A process that ends meanwhile (a second Ctrl+C) still leaves no scratch folder behind. */
  private readonly onExit = () => rmSync(this.dir, { recursive: true, force: true });

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'xxgk-review-'));
    this.fd = openSync(join(this.dir, 'records.ndjson'), 'w+');
    process.once('exit', this.onExit);
  }

  draftPath(index: number): string {
    return join(this.dir, `${index}.md`);
  }

  /** The packed prose (similarity.ts proseBytes); its paragraphs' excerpts are in excerptsPath. */
  prosePath(index: number): string {
    return join(this.dir, `${index}.prose`);
  }

  excerptsPath(index: number): string {
    return join(this.dir, `${index}.excerpts.json`);
  }

  /** Stores a file's record; a later record of the same index replaces it. */
  put(record: ReportRecord): void {
    const bytes = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    writeSync(this.fd, bytes, 0, bytes.length, this.size);
    this.where.set(record.index, { at: this.size, length: bytes.length });
    this.size += bytes.length;
  }

  has(index: number): boolean {
    return this.where.has(index);
  }

  get(index: number): ReportRecord | undefined {
    const w = this.where.get(index);
    if (!w) return undefined;
    const buf = Buffer.alloc(w.length);
    readSync(this.fd, buf, 0, w.length, w.at);
    return JSON.parse(decodeUtf8(buf)) as ReportRecord;
  }

  /** The indexes stored, in batch order. */
  indexes(): number[] {
    return [...this.where.keys()].sort((a, b) => a - b);
  }

  readProse(index: number): PackedProse | undefined {
    try {
      return proseFromBytes(readFileSync(this.prosePath(index)));
    } catch {
      return undefined;
    }
  }

  readExcerpts(index: number): string[] {
    try {
      return JSON.parse(readFileSync(this.excerptsPath(index), 'utf8')) as string[];
    } catch {
      return [];
    }
  }

  dispose(): void {
    process.removeListener('exit', this.onExit);
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
