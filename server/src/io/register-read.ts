/**
 * Reading a request register file into rows of cell values (core/register/types.ts): .xlsx
 * through exceljs, .xls through SheetJS CE (@e965/xlsx 0.20.3, the fixed release of SheetJS
 * CE republished on npm), .csv in UTF-8 (with or without BOM) or GBK. Bundled apart as
 * dist/register.js and loaded on first use (service/register.ts), never at the server's start
 * or on the keystroke path.
 *
 * An .xlsx is a zip: before exceljs sees it, every entry is inflated here with the entry count,
 * each part's size and the total checked while inflating (declared sizes are not trusted), and
 * exceljs is handed a re-packed copy of exactly what was checked — a zip bomb never reaches it.
 * Only OLE files (D0 CF 11 E0) go to SheetJS, so its own unzip never sees a zip.
 */
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { zipSync } from 'fflate';
import { decode } from '../input';
import { findHeader } from '../core/register/columns';
import type { CellValue, RegisterSheet, SheetRow } from '../core/register/types';
import { ImportError } from './errors';
import { SAVE_AS_XLSX, detectRegisterFormat, isEncryptedOle } from './formats';
import { type ZipLimits, ZipError, readZipParts, zipRefusal } from './zip';

export const REGISTER_LIMITS = {
  /** The register file itself. */
  maxFileBytes: 32 * 1024 * 1024,
  /** Zip entries of an .xlsx. */
  maxEntries: 2000,
  /** One inflated part (a sheet's XML), and all of them together. */
  maxPartBytes: 64 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
  /** Rows and columns read from a sheet; a register has thousands of rows and a dozen columns. */
  maxRows: 200_000,
  maxColumns: 256,
};

export type RegisterFormat = 'xlsx' | 'xls' | 'csv';

export interface RegisterFile {
  format: RegisterFormat;
  sheet: RegisterSheet;
  /** All sheet names of a workbook, in order (the one read among them). */
  sheets: string[];
  /** Read, with a caveat (GBK, rows cut at the limit). */
  warnings: string[];
}

function refuse(zh: string, en: string): never {
  throw new ImportError({ zh, en });
}

// ---------------------------------------------------------------------------
// The bounded unzip

const WORKBOOK_PACKAGE = { zh: ' Excel 工作簿', en: 'an Excel workbook', ext: 'xlsx' };

const ENCRYPTED_WORKBOOK = {
  zh: '这个 Excel 文件设置了密码（已加密），无法读取：请取消密码后另存为 .xlsx',
  en: 'The workbook is encrypted: remove the password and save it again',
};

/**
 * Every part of an .xlsx, inflated by the one bounded ZIP reader (io/zip.ts): entries counted
 * against the file's bytes, each part and all parts together limited while inflating, never
 * trusting the sizes the package declares.
 */
export function unzipWorkbook(data: Uint8Array, limits: ZipLimits = REGISTER_LIMITS): Map<string, Uint8Array> {
  try {
    return readZipParts(data, (name) => !name.endsWith('/'), limits);
  } catch (e) {
    if (e instanceof ZipError) throw new ImportError(zipRefusal(e, WORKBOOK_PACKAGE, ENCRYPTED_WORKBOOK));
    throw e;
  }
}

// ---------------------------------------------------------------------------
// Sheets

/** How well a sheet looks like a register: the key fields its header names (0: none). */
function registerScore(sheet: RegisterSheet): number {
  const h = findHeader(sheet);
  return h ? h.columns.length * 1_000_000 + sheet.rows.length : 0;
}

function pickSheet(sheets: RegisterSheet[], wanted: string | undefined): RegisterSheet {
  if (wanted !== undefined) {
    const s = sheets.find((x) => x.name === wanted);
    if (!s)
      refuse(
        `工作簿中没有名为“${wanted}”的工作表（有：${sheets.map((x) => x.name).join('、')}）`,
        `No sheet named “${wanted}” (sheets: ${sheets.map((x) => x.name).join(', ')})`,
      );
    return s;
  }
  let best = sheets[0];
  let bestScore = -1;
  for (const s of sheets) {
    const score = registerScore(s);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  if (!best) refuse('不是 Excel 工作簿，或工作簿中没有工作表', 'Not an Excel workbook, or it has no sheet');
  return best;
}

type ExcelValue = ExcelJS.CellValue;

/** An exceljs value as a plain cell: rich text joined, a formula's result, a link's text. */
function excelCell(v: ExcelValue): CellValue {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return excelCell(v.result);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return String(v.error);
  }
  return undefined;
}

async function readXlsx(data: Uint8Array, wanted: string | undefined, warnings: string[]): Promise<RegisterFile> {
  const parts = Object.fromEntries(unzipWorkbook(data));
  // exceljs gets exactly the checked parts, stored (not compressed again): nothing is inflated twice.
  const packed = zipSync(parts, { level: 0 });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    refuse(
      `文件已损坏或不是 Excel 工作簿：${(e as Error).message}`,
      `The file is corrupt or not an Excel workbook: ${(e as Error).message}`,
    );
  }
  const sheets: RegisterSheet[] = [];
  for (const ws of workbook.worksheets) {
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      if (rows.length >= REGISTER_LIMITS.maxRows) return;
      const cells: CellValue[] = [];
      const width = Math.min(row.cellCount, REGISTER_LIMITS.maxColumns);
      for (let c = 1; c <= width; c++) cells.push(excelCell(row.getCell(c).value));
      rows.push({ row: number, cells });
    });
    if (ws.rowCount > REGISTER_LIMITS.maxRows)
      warnings.push(`工作表“${ws.name}”超过 ${REGISTER_LIMITS.maxRows} 行，只读取了前 ${REGISTER_LIMITS.maxRows} 行`);
    sheets.push({ name: ws.name, rows });
  }
  return { format: 'xlsx', sheet: pickSheet(sheets, wanted), sheets: sheets.map((s) => s.name ?? ''), warnings };
}

function readXls(data: Uint8Array, wanted: string | undefined, warnings: string[]): RegisterFile {
  if (isEncryptedOle(data))
    refuse(
      '这个 Excel 文件设置了密码（已加密），无法读取：请取消密码后另存为 .xlsx',
      'The workbook is encrypted: remove the password and save it again',
    );
  let wb: XLSX.WorkBook;
  try {
    // Dates stay serial numbers (no time-zone shift); the tally reads serials in date columns.
    wb = XLSX.read(data, {
      type: 'array',
      dense: true,
      cellDates: false,
      cellHTML: false,
      cellFormula: false,
      sheetRows: REGISTER_LIMITS.maxRows + 1,
    });
  } catch (e) {
    refuse(
      `无法读取这个 .xls 文件（${(e as Error).message}）：请在 Excel 或 WPS 中另存为 .xlsx 后再试`,
      `This .xls file cannot be read (${(e as Error).message}): save it as .xlsx and try again`,
    );
  }
  const sheets: RegisterSheet[] = wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name];
    const ref = ws['!ref'];
    if (!ref) return { name, rows: [] };
    const range = XLSX.utils.decode_range(ref);
    const raw = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
    const rows: SheetRow[] = [];
    raw.forEach((cells, i) => {
      const row = cells
        .slice(0, REGISTER_LIMITS.maxColumns)
        .map((v): CellValue =>
          typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date ? v : undefined,
        );
      if (row.some((v) => v !== null && v !== undefined && v !== '')) rows.push({ row: range.s.r + i + 1, cells: row });
    });
    if (rows.length > REGISTER_LIMITS.maxRows) {
      rows.length = REGISTER_LIMITS.maxRows;
      warnings.push(`工作表“${name}”超过 ${REGISTER_LIMITS.maxRows} 行，只读取了前 ${REGISTER_LIMITS.maxRows} 行`);
    }
    return { name, rows };
  });
  if (!sheets.length) refuse('工作簿中没有工作表', 'The workbook has no sheet');
  return { format: 'xls', sheet: pickSheet(sheets, wanted), sheets: wb.SheetNames, warnings };
}

/**
 * CSV records (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), comma- or
 * tab-separated (a sheet saved as "Unicode text" uses tabs). Row numbers are the line each
 * record starts on.
 */
export function parseCsv(text: string): SheetRow[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  const rows: SheetRow[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && rows.length < REGISTER_LIMITS.maxRows) {
    const startLine = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            cell += text.slice(i);
            i = text.length;
            break;
          }
          cell += text.slice(i, q);
          i = q + 1;
          if (text[i] === '"') {
            cell += '"';
            i++;
          } else break;
        }
        for (const ch of cell) if (ch === '\n') line++;
        // Anything after the closing quote up to the separator belongs to the cell.
        while (i < text.length && text[i] !== sep && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      } else {
        const end = nextBreak(text, i, sep);
        cell = text.slice(i, end);
        i = end;
      }
      if (cells.length < REGISTER_LIMITS.maxColumns) cells.push(cell);
      if (text[i] === sep) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: startLine, cells: cells.map((c) => c.trim()) });
  }
  return rows;
}

function nextBreak(text: string, from: number, sep: string): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === sep || c === '\n' || c === '\r') return j;
  }
  return text.length;
}

function readCsv(data: Uint8Array, shown: string, warnings: string[]): RegisterFile {
  const r = decode(data, shown);
  if (r.text === undefined) refuse(r.error ?? `${shown} 无法读取`, r.error ?? `${shown} cannot be read`);
  if (r.warning) warnings.push(r.warning);
  return { format: 'csv', sheet: { rows: parseCsv(r.text) }, sheets: [], warnings };
}

/** Reads a register file's bytes (.xlsx, .xls, .csv; io/formats.ts REGISTER_FORMATS), by its first bytes and then its name. */
export async function readRegisterFile(data: Uint8Array, fileName: string, opts: { sheet?: string } = {}): Promise<RegisterFile> {
  if (data.length > REGISTER_LIMITS.maxFileBytes)
    refuse(
      `文件太大（${(data.length / 1024 / 1024).toFixed(1)} MB，上限 ${REGISTER_LIMITS.maxFileBytes / 1024 / 1024} MB）`,
      `The file is too large (${(data.length / 1024 / 1024).toFixed(1)} MB, limit ${REGISTER_LIMITS.maxFileBytes / 1024 / 1024} MB)`,
    );
  const warnings: string[] = [];
  const format = detectRegisterFormat(data, fileName);
  switch (format.kind) {
    case 'xlsx':
      return readXlsx(data, opts.sheet, warnings);
    case 'xls':
      return readXls(data, opts.sheet, warnings);
    case 'csv':
      return readCsv(data, fileName.split(/[\\/]/).pop() ?? fileName, warnings);
    case 'refused':
      throw new ImportError(format.refusal ?? SAVE_AS_XLSX);
  }
}

// The register bundle (dist/register.js) carries the tally too: the server and the CLI load
// both on first use through service/register.ts, so neither the core bundle nor the server's
// start pays for exceljs, SheetJS or the holiday calendar.
export { describeProblems, leftOutRows, readRegister, tallyAndCheck, tallyJson, tallyMarkdown } from '../core/register/index';
