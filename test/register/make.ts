/**
 * Registers built in code for the tests: rows of cells, written as .xlsx (exceljs), .xls
 * (SheetJS CE, BIFF8) or CSV (UTF-8 with or without BOM, GBK).
 */
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import type { CellValue, RegisterOption, RegisterSheet } from '../../server/src/core/register/types';
import { dayNumber, isoDate, tallyRegister } from '../../server/src/core/register/index';
import { buildModel } from '../../server/src/core/model';
import { TABLE3_ROWS } from '../../server/src/core/template';
import { gbk } from '../helpers/gbk';

export type Cells = CellValue[];

/** A sheet from rows; row numbers 1, 2, 3 … as a spreadsheet has them. */
export function sheetOf(rows: Cells[], name?: string): RegisterSheet {
  return { ...(name ? { name } : {}), rows: rows.map((cells, i) => ({ row: i + 1, cells })) };
}

export const HEADER = [
  '序号',
  '申请编号',
  '收到申请日期',
  '申请人',
  '申请人类型',
  '申请内容',
  '答复日期',
  '办理结果',
  '是否延期',
  '是否收费',
];

/** A 2023 register with a title row, a blank row, carried-over and carried-forward rows and a 合计 row. */
export function register2023(): Cells[] {
  return [
    ['某县自然资源局2023年政府信息公开申请办理登记台账'],
    [],
    HEADER,
    // Carried over from 2022, answered in January: 上年结转 and （一）.
    [1, 'YSQ-2022-031', '2022-12-20', '张某', '公民', '征地批复', '2023/1/10', '予以公开', '否', '否'],
    // Received in 2022, still open at the start of 2023, answered in 2023: 上年结转.
    [
      2,
      'YSQ-2022-032',
      '2022.12.28',
      '某房地产开发有限公司',
      '法人或其他组织（商业企业）',
      '规划许可',
      '2023年1月16日',
      '部分公开',
      '否',
      '否',
    ],
    [3, 'YSQ-2023-001', '2023年1月5日', '李某', '自然人', '补偿标准', '20230202', '信息不存在', '否', '否'],
    [4, 'YSQ-2023-002', 20230301, '某律师事务所', '律师事务所', '执法案卷', 45000, '不予公开（属于行政执法案卷）', '否', '否'],
    [5, 'YSQ-2023-003', '2023-04-03', '王某', '个人', '会议纪要', '2023-04-20', '不予公开', '否', '否'],
    [6, 'YSQ-2023-004', '2023-06-01', '某研究院', '法人或其他组织-科研机构', '监测数据', '2023-08-10', '需要另行制作', '是', '是'],
    [7, 'YSQ-2023-005', '2023-12-25', '赵某', '公民', '土地证', '', '', '', ''],
    [8, 'YSQ-2023-006', '2023-12-26', '某协会', '法人或其他组织', '年检', '', '', '', ''],
    [9, 'YSQ-2023-007', '2023-07-03', '钱某', '公民', '信访件', '2023-07-10', '信访举报投诉类申请，告知通过信访渠道', '否', '否'],
    [10, 'YSQ-2023-008', '2023-08-15', '孙某', '公民', '规划图', '2023-08-20', '申请人撤回申请', '否', '否'],
    ['合计', '', '', '', '', '', '', '', '', ''],
  ];
}

export async function xlsxOf(
  rows: Cells[],
  opts: { sheet?: string; before?: { name: string; rows: Cells[] }[] } = {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of opts.before ?? []) wb.addWorksheet(s.name).addRows(s.rows);
  const ws = wb.addWorksheet(opts.sheet ?? '台账');
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? undefined : v)));
  // Date cells as Excel writes them: a number with a date format.
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    }),
  );
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function xlsOf(rows: Cells[], sheet = '台账'): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet(
      rows.map((r) => r.map((v) => v ?? null)),
      { cellDates: false },
    ),
    sheet,
  );
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'biff8' }) as ArrayBuffer);
}

function csvField(v: CellValue): string {
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvText(rows: Cells[], eol = '\r\n'): string {
  return rows.map((r) => r.map(csvField).join(',')).join(eol) + eol;
}

export function csvOf(rows: Cells[], encoding: 'utf8' | 'utf8-bom' | 'gbk'): Uint8Array {
  const text = csvText(rows);
  if (encoding === 'gbk') return gbk(text);
  const bytes = new TextEncoder().encode(text);
  return encoding === 'utf8' ? bytes : new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
}

const APPLICANT_WORDING: Record<string, string> = {
  natural: '公民',
  business: '法人或其他组织（商业企业）',
  research: '法人或其他组织（科研机构）',
  publicInterest: '法人或其他组织（社会公益组织）',
  legal: '法人或其他组织（法律服务机构）',
  other: '法人或其他组织（其他）',
};

/** The answer wording of a result row: its template label without the number (属于国家秘密, 重复申请 …). */
function wordingOf(rowId: string): string {
  const row = TABLE3_ROWS.find((r) => r.id === rowId)!;
  return (row.item ?? row.label)
    .replace(/^\d+\./, '')
    .replace(/（区分处理.*$/, '')
    .replace(/^（[一二]）/, '');
}

/**
 * A register whose tally for `year` is exactly the given table 三 (figure by row id and column
 * id; the table must balance): per column, the carried-over applications first (received in
 * December of the year before), then the new ones; the first of them get the results in
 * template order, the rest stay open (carried forward).
 */
export function registerMatching(figure: (rowId: string, columnId: string) => number, year: number): Cells[] {
  const rows: Cells[] = [[`${year}年政府信息公开申请登记台账`], HEADER];
  let n = 0;
  for (const col of Object.keys(APPLICANT_WORDING)) {
    const results = TABLE3_ROWS.filter((r) => r.role === 'item').flatMap((r) => Array<string>(figure(r.id, col)).fill(r.id));
    const apps = [
      ...Array<number>(figure('carried', col)).fill(-1),
      ...Array.from({ length: figure('new', col) }, (_, i) => 60 + (i % 150)),
    ];
    if (apps.length !== results.length + figure('forward', col)) throw new Error(`column ${col} does not balance`);
    apps.forEach((offset, i) => {
      n++;
      const start = dayNumber({ year, month: 1, day: 1 });
      const received = offset < 0 ? start - 17 : start + offset;
      const result = results[i];
      const answered = result ? (offset < 0 ? start + 9 : received + 5) : undefined;
      rows.push([
        n,
        `${year}-${n}`,
        isoDate(received),
        `申请人${n}`,
        APPLICANT_WORDING[col],
        '',
        answered === undefined ? '' : isoDate(answered),
        result ? wordingOf(result) : '',
        '否',
        '否',
      ]);
    });
  }
  return rows;
}

/** The register option the service would pass for a register matching this draft's table 三. */
export function registerOptionFor(draft: string, file = '台账.xlsx'): RegisterOption {
  const report = buildModel(draft).reports[0];
  const year = report.title!.year!;
  const t3 = report.table3!;
  const rows = registerMatching((r, c) => t3.rows.get(r)!.cells.get(c)!.value!, year);
  const tally = tallyRegister(sheetOf(rows), year);
  return { file, tally: (y) => (y === year ? tally : undefined) };
}
