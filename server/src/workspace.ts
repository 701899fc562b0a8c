/**
 * The workspace's report drafts, indexed by agency and year for the cross-year rules.
 * Indexing reads the first 4 KB of each Markdown file (the title), walks each real directory
 * once (links into an ancestor or a loop are not followed twice), and runs in slices that
 * yield to the event loop, so it never delays the diagnostics of an open document.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DocumentModel, ReportModel, ReportSet } from './core/index';
import { core } from './core-loader';
import { DEFAULT_MAX_BYTES, decodeHead, readFileBytes, readInputFile } from './input';
import type { ServiceWorkspace } from './service/types';
import { reportKey } from './service/analysis';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);
const MAX_FILES = 5000;
const HEAD_BYTES = 4096;
/** Work per slice of indexing before yielding to the event loop. */
const SLICE_MS = 8;

const MARKDOWN = /\.(md|markdown)$/i;

/** The first bytes of a regular file as text, by the one reader (undefined for anything else: a FIFO must not block). */
function readHead(path: string, bytes = HEAD_BYTES): string | undefined {
  const r = readFileBytes(path, bytes, path, { head: true });
  return r.bytes ? decodeHead(r.bytes) : undefined;
}

/** The Markdown files named and below named folders (`check`), each real file once. */
export function collectMarkdown(paths: readonly string[], problems: string[]): string[] {
  return collectFiles(paths, problems, { pattern: MARKDOWN, none: (dir) => `目录 ${dir} 中没有 Markdown 文件（.md）` });
}

/**
 * Walks directories depth-first without recursion, visiting each real directory once and
 * each real file once, never following a link into an ancestor; yields every regular Markdown file.
 */
function walkMarkdown(roots: string[], onProblem?: (message: string) => void): Generator<string, void, undefined> {
  return walkFiles(roots, MARKDOWN, onProblem);
}

/**
 * Files named on a command line and the accepted files below named folders, each real file
 * once (the walk of walkFiles: every real directory once, no link into an ancestor). `check`
 * takes Markdown, `review` every import format; a problem (missing path, a folder without an
 * accepted file, something not a regular file) is said and the rest is taken.
 */
export function collectFiles(
  paths: readonly string[],
  problems: string[],
  accept: { pattern: RegExp; none: (dir: string) => string; skipDir?: (realPath: string) => boolean; absolute?: boolean },
): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (p: string): void => {
    let real = p;
    try {
      real = realpathSync(p);
    } catch {
      /* named but gone: the reader says so */
    }
    if (seen.has(real)) return;
    seen.add(real);
    files.push(accept.absolute ? resolve(p) : p);
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      problems.push(`找不到文件或目录：${p}`);
      continue;
    }
    if (st.isDirectory()) {
      let found = 0;
      for (const f of walkFiles([p], accept.pattern, (m) => problems.push(m), accept.skipDir)) {
        found++;
        add(f);
      }
      if (!found) problems.push(accept.none(p));
    } else if (st.isFile()) add(p);
    else problems.push(`${p} 不是普通文件，已跳过`);
  }
  return files;
}

/**
 * The same walk for the files whose names match `accept` (review takes Word files, web pages
 * and text too). `skipDir` gets each directory's real path: true leaves it out (an output folder).
 */
function* walkFiles(
  roots: string[],
  accept: RegExp,
  onProblem?: (message: string) => void,
  skipDir?: (realPath: string) => boolean,
): Generator<string, void, undefined> {
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  // Each directory with the real path of the directory it was found in ('' for a root).
  const stack: [string, string][] = [...roots].reverse().map((r) => [r, '']);
  while (stack.length) {
    const [dir, parentReal] = stack.pop()!;
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      continue;
    }
    if (seenDirs.has(real) || skipDir?.(real)) continue;
    // A link into an ancestor (even one above the roots, such as /) is never followed.
    if (parentReal && (parentReal === real || parentReal.startsWith(real.endsWith(sep) ? real : real + sep))) continue;
    seenDirs.add(real);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      onProblem?.(`无法读取目录 ${dir}：${(e as Error).message}`);
      continue;
    }
    const subdirs: string[] = [];
    for (const name of names) {
      if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
      const path = join(dir, name);
      let st;
      try {
        st = statSync(path);
      } catch {
        if (accept.test(name)) onProblem?.(`无法读取 ${path}：文件不存在（可能是失效的链接）`);
        continue;
      }
      if (st.isDirectory()) subdirs.push(path);
      else if (accept.test(name)) {
        if (!st.isFile()) {
          onProblem?.(`${path} 不是普通文件，已跳过`);
          continue;
        }
        let realFile: string;
        try {
          realFile = realpathSync(path);
        } catch {
          continue;
        }
        if (seenFiles.has(realFile)) continue;
        seenFiles.add(realFile);
        yield path;
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push([subdirs[i], real]);
  }
}

/** The agency-year key of a file's head, from the cheap line scan. */
function headKey(head: string): string | undefined {
  const t = core().peekTitle(head);
  return t ? `${t.agency}|${t.year}` : undefined;
}

function modelKey(model: DocumentModel): string | undefined {
  const t = model.reports[0]?.title;
  return reportKey(t?.agency, t?.year);
}

export class WorkspaceReports implements ServiceWorkspace {
  private reportSet: ReportSet | undefined;
  private readonly open = new Set<string>();
  private readonly openTexts = new Map<string, string>();
  private readonly keys = new Map<string, string>();
  private readonly listeners: ((uri: string, key: string | undefined) => void)[] = [];
  private generation = 0;
  /** performance.now() when the last indexing finished (tests: the first diagnostics come before it). */
  indexedAt: number | undefined;

  constructor(
    private readonly log: (m: string) => void,
    private readonly maxBytes: () => number = () => DEFAULT_MAX_BYTES,
  ) {}

  /** Created on first use: building it loads the core. */
  get set(): ReportSet {
    return (this.reportSet ??= new (core().ReportSet)());
  }

  onDidChange(listener: (uri: string, key: string | undefined) => void): void {
    this.listeners.push(listener);
  }

  private changed(uri: string, key: string | undefined): void {
    const before = this.keys.get(uri);
    if (key === undefined) this.keys.delete(uri);
    else this.keys.set(uri, key);
    // An entry that was no report and still is none changes nothing for anyone.
    if (before === undefined && key === undefined) return;
    for (const l of this.listeners) l(uri, key);
  }

  previous(report: ReportModel) {
    return this.set.previous(report);
  }

  get size(): number {
    return this.set.size;
  }

  /** The uris of the reports indexed (open documents included). */
  uris(): string[] {
    return [...this.keys.keys()];
  }

  /**
   * Indexes the folders in slices (a few ms each, then the event loop runs); resolves when done.
   * A later call supersedes a running one.
   */
  async indexFolders(folders: string[]): Promise<void> {
    const generation = ++this.generation;
    const files = walkMarkdown(folders);
    let count = 0;
    for (;;) {
      const until = performance.now() + SLICE_MS;
      let done = false;
      while (performance.now() < until) {
        const next = files.next();
        if (next.done || count >= MAX_FILES) {
          done = true;
          break;
        }
        count++;
        this.addFile(next.value);
      }
      if (done) break;
      await new Promise((r) => setImmediate(r));
      if (generation !== this.generation) return;
    }
    this.indexedAt = performance.now();
    if (this.set.size) this.log(`工作区中找到 ${this.set.size} 份年报`);
  }

  private addFile(path: string): void {
    const uri = pathToFileURL(path).toString();
    if (this.open.has(uri)) return;
    const head = readHead(path);
    if (head === undefined) {
      this.set.remove(uri);
      this.changed(uri, undefined);
      return;
    }
    let key: string | undefined;
    try {
      key = headKey(head);
      if (key) {
        this.set.add(uri, head, () => readInputFile(path, this.maxBytes()).text);
      } else {
        this.set.remove(uri);
      }
    } catch {
      key = undefined;
      this.set.remove(uri);
    }
    this.changed(uri, key);
  }

  updateOpen(uri: string, model: DocumentModel): void {
    // The same text analysed again (new settings, or a report it cites changed) changes nothing
    // for the documents citing it; telling them would re-check them in a circle.
    if (this.open.has(uri) && this.openTexts.get(uri) === model.text) return;
    this.open.add(uri);
    this.openTexts.set(uri, model.text);
    this.set.addModel(uri, model);
    this.changed(uri, modelKey(model));
  }

  closed(uri: string): void {
    this.openTexts.delete(uri);
    if (!this.open.delete(uri)) return;
    this.set.remove(uri);
    const path = uri.startsWith('file:') ? safePath(uri) : undefined;
    if (path && MARKDOWN.test(path)) this.addFile(path);
    else this.changed(uri, undefined);
  }

  fileChanged(uri: string, deleted: boolean): void {
    if (this.open.has(uri)) return;
    if (deleted) {
      this.set.remove(uri);
      this.changed(uri, undefined);
      return;
    }
    const path = uri.startsWith('file:') ? safePath(uri) : undefined;
    if (!path || !MARKDOWN.test(path)) return;
    this.addFile(path);
  }
}

function safePath(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
