/**
 * The request register behind the rule register-mismatch, the hover's register rows and the
 * command 年报：从台账生成表三…: the store reads a configured register once per version of the
 * file (path + size + mtime; a directory watch and a stat before each analysis notice a new
 * version), tallies it per report year, and tells the service which documents to re-check when
 * a read finishes. Reading is asynchronous (exceljs) and lives in its own bundle
 * (dist/register.js), required on first use only: a workspace without a register never loads it.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Message } from '../core/rule';
import type { RegisterOption, RegisterTally } from '../core/register/types';
import type { ReadRegister } from '../core/register/read';
import type { RegisterConfig } from '../core/register/types';
import { readFileBytes } from '../input';
import type * as RegisterBundle from '../io/register-read';
import { toTextEdits } from '../lsp';
import type { IoFailure, TallyParams, TallyResult } from '../protocol';
import type { Logger, ReportDocument, ServiceConfig, ServiceContext } from './types';
import type { Locale } from '../core/message';
import type { ReportModel } from '../core/model';

let loaded: typeof RegisterBundle | undefined;

/** The register bundle, required on first use (build.mjs maps this require to ./register.js). */
export function registerModule(): typeof RegisterBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point: dist/register.js loads on first use
  return (loaded ??= require('../io/register-read') as typeof RegisterBundle);
}

export interface RegisterSource {
  path: string;
  config: RegisterConfig;
}

/** A register file read into rows (the tally per year is computed from them). */
export interface RegisterFileRead {
  read?: ReadRegister;
  /** Why it could not be read. */
  error?: Message;
  /** Caveats of the reading (GBK, rows cut), and the sheet read. */
  warnings: string[];
  sheet?: string;
}

interface Entry {
  stamp?: string;
  result?: RegisterFileRead;
  loading?: Promise<void>;
  tallies: Map<number, RegisterTally>;
  users: Set<string>;
}

/** Reads the bytes of a register and turns them into rows; refusals become a message, never an exception. */
async function readRegisterSource(source: RegisterSource): Promise<RegisterFileRead> {
  const name = basename(source.path);
  const mod = registerModule();
  const bytes = readFileBytes(source.path, mod.REGISTER_LIMITS.maxFileBytes, name);
  if (!bytes.bytes) return { error: { zh: bytes.error ?? name, en: bytes.error ?? name }, warnings: [] };
  try {
    const file = await mod.readRegisterFile(bytes.bytes, name, { sheet: source.config.sheet });
    return { read: mod.readRegister(file.sheet, source.config), warnings: file.warnings, sheet: file.sheet.name };
  } catch (e) {
    const msg = (e as { msg?: Message }).msg;
    if (msg && typeof msg.zh === 'string') return { error: msg, warnings: [] };
    const detail = e instanceof Error ? e.message : String(e);
    return { error: { zh: `无法读取：${detail}`, en: `cannot be read: ${detail}` }, warnings: [] };
  }
}

function stampOf(path: string): string | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? `${st.size}:${st.mtimeMs}` : 'not-a-file';
  } catch {
    return undefined;
  }
}

export class RegisterStore {
  private readonly entries = new Map<string, Entry>();
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly listeners: ((uris: string[]) => void)[] = [];

  constructor(private readonly logger: Logger) {}

  /** Called with the documents to re-check when a register finished reading (or changed). */
  onDidChange(listener: (uris: string[]) => void): void {
    this.listeners.push(listener);
  }

  private key(source: RegisterSource): string {
    return `${source.path}\u0000${JSON.stringify(source.config)}`;
  }

  private entry(source: RegisterSource): Entry {
    const key = this.key(source);
    let e = this.entries.get(key);
    if (!e) {
      e = { tallies: new Map(), users: new Set() };
      this.entries.set(key, e);
      this.watch(source.path);
    }
    return e;
  }

  /** Starts reading the file if this version of it was not read yet; resolves when the current read is done. */
  ensure(source: RegisterSource): Promise<void> {
    const e = this.entry(source);
    const stamp = stampOf(source.path);
    if (e.loading) return e.loading;
    if (e.result && e.stamp === stamp) return Promise.resolve();
    e.stamp = stamp;
    // No file to read: said at once, so that the first analysis already names the problem.
    if (stamp === undefined || stamp === 'not-a-file') {
      const name = basename(source.path);
      e.result = {
        error:
          stamp === undefined
            ? { zh: `找不到文件 ${name}`, en: `file not found: ${name}` }
            : { zh: `${name} 不是普通文件`, en: `${name} is not a regular file` },
        warnings: [],
      };
      e.tallies.clear();
      return Promise.resolve();
    }
    const loading = readRegisterSource(source).then(
      (result) => {
        e.result = result;
        e.tallies.clear();
        e.loading = undefined;
        if (result.error) this.logger.warn(`无法读取依申请公开台账 ${source.path}：${result.error.zh}`);
        this.changed(e);
      },
      (err: unknown) => {
        e.loading = undefined;
        e.result = { error: { zh: String(err), en: String(err) }, warnings: [] };
        this.changed(e);
      },
    );
    e.loading = loading;
    return loading;
  }

  private changed(e: Entry): void {
    const uris = [...e.users];
    if (uris.length) for (const l of this.listeners) l(uris);
  }

  /** The register as an analysis option for one document (its read starts here when needed). */
  option(source: RegisterSource, uri: string): RegisterOption {
    const e = this.entry(source);
    e.users.add(uri);
    void this.ensure(source);
    const file = basename(source.path);
    const result = e.result;
    return {
      file,
      ...(result?.error && !e.loading ? { error: result.error } : {}),
      tally: (year: number) => {
        const read = e.result?.read;
        if (!read) return undefined;
        let t = e.tallies.get(year);
        if (!t) {
          t = registerModule().tallyAndCheck(read, year, source.config);
          e.tallies.set(year, t);
        }
        return t;
      },
    };
  }

  /** A watch on the register's folder: a save (often write-and-rename) re-reads it and re-checks its documents. */
  private watch(path: string): void {
    const dir = dirname(path);
    if (this.watchers.has(dir)) return;
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        for (const [key, e] of this.entries) {
          const p = key.split('\u0000')[0];
          if (dirname(p) !== dir || (name && basename(p) !== String(name)) || e.loading) continue;
          if (stampOf(p) === e.stamp) continue;
          const config = JSON.parse(key.split('\u0000')[1]) as RegisterConfig;
          void this.ensure({ path: p, config });
        }
      });
      w.on('error', () => undefined);
      this.watchers.set(dir, w);
    } catch {
      // No watch (a file system without one): the stat before each analysis still notices changes.
    }
  }

  /** A register file changed (a watched-file event from the client). */
  fileChanged(uri: string): void {
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return;
    }
    for (const [key, e] of this.entries) {
      if (key.split('\u0000')[0] !== path || e.loading) continue;
      void this.ensure({ path, config: JSON.parse(key.split('\u0000')[1]) as RegisterConfig });
    }
  }

  /**
   * A register read and tallied for a year (`xxgk-report tally`): the same read, cached per
   * version of the file, as the rule register-mismatch of the documents that use it.
   */
  async tallyOf(source: RegisterSource, year: number): Promise<{ read: RegisterFileRead; tally?: RegisterTally }> {
    await this.ensure(source);
    const e = this.entry(source);
    const read = e.result ?? { error: { zh: '无法读取', en: 'cannot be read' }, warnings: [] };
    if (!read.read) return { read };
    let tally = e.tallies.get(year);
    if (!tally) {
      tally = registerModule().tallyAndCheck(read.read, year, source.config);
      e.tallies.set(year, tally);
    }
    return { read, tally };
  }

  /** Resolves when the register of a document (if any) has been read. */
  async ready(config: ServiceConfig, uri: string): Promise<void> {
    const source = config.registerFor?.(uri);
    if (source) {
      this.entry(source).users.add(uri);
      await this.ensure(source);
    }
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
    this.entries.clear();
  }
}

/** The options of a document with its register attached (the rule register-mismatch and the hover read it). */
export function withRegisters(config: ServiceConfig, store: RegisterStore): ServiceConfig {
  if (!config.registerFor) return config;
  return {
    get locale() {
      return config.locale;
    },
    get maxDocumentBytes() {
      return config.maxDocumentBytes;
    },
    get ambiguousWidth() {
      return config.ambiguousWidth;
    },
    get formatMaxWidth() {
      return config.formatMaxWidth;
    },
    optionsFor(uri: string) {
      const options = config.optionsFor(uri);
      const source = config.registerFor!(uri);
      return source ? { ...options, register: store.option(source, uri) } : options;
    },
    problemsFor: config.problemsFor ? (uri: string) => config.problemsFor!(uri) : undefined,
    registerFor: (uri: string) => config.registerFor!(uri),
  };
}

// ---------------------------------------------------------------------------
// Features: the tally command's edit, and the register rows behind a table-三 cell (hover).

/** xxgkReport/tally: reads the register, counts table 三 for the draft's year, and the edit that puts it in. */
export async function getTallyEdit(ctx: ServiceContext, document: ReportDocument, params: TallyParams): Promise<TallyResult | IoFailure> {
  if (typeof params?.register !== 'string' || !params.register.startsWith('file:'))
    return { ok: false, message: { zh: '只能读取本地的台账文件', en: 'Only a local register file can be read' } };
  const analysis = ctx.resultOf(document).analysis;
  if (!analysis) return { ok: false, message: { zh: '文档未能分析（过大或不是文本）', en: 'The document could not be analysed' } };
  const lines = analysis.model.lines;
  const line = typeof params.line === 'number' && params.line >= 0 ? params.line : 0;
  const at = lines.offsetAt({ line, character: 0 });
  const reports = analysis.model.reports;
  const report = reports.find((r) => at >= r.span.start && at <= r.span.end) ?? reports[0];
  const year = typeof params.year === 'number' && Number.isInteger(params.year) ? params.year : report?.title?.year;
  if (!year)
    return {
      ok: false,
      message: { zh: '草稿的标题中没有年份，无法确定统计哪一年', en: 'The draft’s title has no year: which year to count is unknown' },
    };
  const path = fileURLToPath(params.register);
  const source = { path, config: ctx.config.registerFor?.(document.uri)?.config ?? {} };
  const read = await readRegisterSource(source);
  if (!read.read) return { ok: false, message: read.error ?? { zh: '无法读取台账', en: 'The register cannot be read' } };
  const mod = registerModule();
  const tally = mod.tallyAndCheck(read.read, year, source.config);
  if (!tally.columns.length)
    return { ok: false, message: tally.problems[0]?.message ?? { zh: '找不到台账的表头', en: 'No header row found' } };
  const eol = lines.eol;
  const table = mod
    .tallyMarkdown(tally, eol)
    .replace(new RegExp(`${eol}$`), '')
    .split(eol);
  const t3 = report?.table3;
  const edit = tallyEdit(document.getText(), eol, report, at, table);
  const both = (m: Message) => ({ zh: m.zh, en: m.en });
  return {
    ok: true,
    version: document.version,
    edits: toTextEdits(lines, [edit]),
    year,
    replaced: !!t3?.tables.length,
    applications: tally.applications,
    leftOut: mod.leftOutRows(tally),
    problems: tally.problems.map((p) => both(p.message)),
    warnings: [...read.warnings.map((w) => ({ zh: w, en: w })), ...tally.warnings.map((p) => both(p.message))],
    basis: tally.basis.map(both),
    ...(read.sheet !== undefined ? { sheet: read.sheet } : {}),
  };
}

/** Where the tally goes: over table 三 (and the 勾稽关系 note just above it) when the draft has one, else at the end of section 三. */
function tallyEdit(
  text: string,
  eol: string,
  report: ReportModel | undefined,
  at: number,
  table: string[],
): { start: number; end: number; newText: string } {
  const t3 = report?.table3;
  if (t3 && t3.tables.length) {
    const start = t3.tables[0].span.start;
    const end = t3.tables[t3.tables.length - 1].span.end;
    // The note (勾稽关系) just above the table is replaced with it; without one, the note comes in.
    const note = report.section[3]?.paragraphs.filter((p) => p.span.end <= start && /勾稽关系/.test(p.text)).pop();
    const between = note ? text.slice(note.span.end, start) : '';
    return note && /^\s*$/.test(between)
      ? { start: note.span.start, end, newText: table.join(eol) }
      : { start, end, newText: table.join(eol) };
  }
  const section = report?.section[3];
  const offset = section ? section.span.end : at;
  const before = text.slice(0, offset);
  const lead = offset === 0 || before.endsWith(`${eol}${eol}`) ? '' : before.endsWith(eol) ? eol : `${eol}${eol}`;
  const after = text.slice(offset);
  const tail = after === '' ? eol : after.startsWith(eol) ? eol : `${eol}${eol}`;
  return { start: offset, end: offset, newText: lead + table.join(eol) + tail };
}

const MAX_HOVER_ROWS = 20;

/** Markdown lines naming the register rows behind a table-三 cell (row, applicant, dates, answer). */
export function registerHoverLines(
  register: RegisterOption | undefined,
  year: number | undefined,
  rowId: string,
  columnId: string,
  locale: Locale,
): string[] {
  if (!register || !year) return [];
  if (register.error)
    return [locale === 'en' ? `Register ${register.file}: ${register.error.en}` : `台账 ${register.file}：${register.error.zh}`];
  const tally = register.tally(year);
  const cell = tally?.cells[rowId]?.[columnId];
  if (!tally || !cell) return [];
  const byRow = new Map(tally.entries.map((e) => [e.row, e]));
  const head =
    locale === 'en'
      ? `**Request register** (${register.file}): ${cell.value} application(s)${cell.rows.length ? ':' : ''}`
      : `**依申请公开台账**（${register.file}）：${cell.value} 件${cell.rows.length ? '：' : ''}`;
  const out = [head];
  for (const row of cell.rows.slice(0, MAX_HOVER_ROWS)) {
    const e = byRow.get(row);
    if (!e) continue;
    const who = [e.name, e.applicant].filter(Boolean).join('，');
    out.push(
      locale === 'en'
        ? `- row ${row}: ${who}; received ${e.received}${e.answered ? `, answered ${e.answered}` : ''}${e.wording ? ` (${e.wording})` : ''}`
        : `- 第 ${row} 行：${who}；${e.received} 收到${e.answered ? `，${e.answered} 答复` : ''}${e.wording ? `（${e.wording}）` : ''}`,
    );
  }
  if (cell.rows.length > MAX_HOVER_ROWS)
    out.push(locale === 'en' ? `- … and ${cell.rows.length - MAX_HOVER_ROWS} more` : `- …… 另有 ${cell.rows.length - MAX_HOVER_ROWS} 行`);
  return out;
}
