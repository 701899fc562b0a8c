/** The workspace's report drafts, indexed by agency and year for the cross-year rules. */
import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DocumentModel, ReportModel, ReportSet } from './core/index';
import { core } from './core-loader';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);
const MAX_FILES = 5000;
const MAX_FILE_SIZE = 8 * 1024 * 1024;

export function readHead(path: string, bytes = 4096): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export class WorkspaceReports {
  private reportSet: ReportSet | undefined;

  /** Created on first use: building it loads the core. */
  get set(): ReportSet {
    return (this.reportSet ??= new (core().ReportSet)());
  }
  private readonly open = new Set<string>();

  constructor(private readonly log: (m: string) => void) {}

  previous(report: ReportModel) {
    return this.set.previous(report);
  }

  /** Walks the folders once, reading only the first lines of each Markdown file. */
  indexFolders(folders: string[]): void {
    let count = 0;
    const walk = (dir: string): void => {
      let names: string[];
      try { names = readdirSync(dir); } catch { return; }
      for (const name of names) {
        if (count >= MAX_FILES) return;
        if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
        const path = join(dir, name);
        let st;
        try { st = statSync(path); } catch { continue; }
        if (st.isDirectory()) walk(path);
        else if (st.isFile() && /\.(md|markdown)$/i.test(name) && st.size <= MAX_FILE_SIZE) {
          count++;
          this.addFile(path);
        }
      }
    };
    for (const f of folders) walk(f);
    if (this.set.size) this.log(`工作区中找到 ${this.set.size} 份年报`);
  }

  private addFile(path: string): void {
    const uri = pathToFileURL(path).toString();
    if (this.open.has(uri)) return;
    try {
      // Only regular files: opening a FIFO would block the server.
      if (!statSync(path).isFile()) return;
      this.set.add(uri, readHead(path), () => {
        try { return readFileSync(path, 'utf8'); } catch { return undefined; }
      });
    } catch { /* unreadable: not indexed */ }
  }

  updateOpen(uri: string, model: DocumentModel): void {
    this.open.add(uri);
    this.set.addModel(uri, model);
  }

  closed(uri: string): void {
    this.open.delete(uri);
    this.set.remove(uri);
    const path = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    if (path) this.addFile(path);
  }

  fileChanged(uri: string, deleted: boolean): void {
    if (this.open.has(uri)) return;
    if (deleted) { this.set.remove(uri); return; }
    if (!/\.(md|markdown)$/i.test(uri) || !uri.startsWith('file:')) return;
    this.addFile(fileURLToPath(uri));
  }
}
