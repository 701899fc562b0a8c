/**
 * The request register: a generated 10 000-row register tallied for a year (read into rows,
 * counted, the register checks with the holiday calendar), and the same register read from
 * .xlsx (bounded unzip + exceljs) and from CSV. Target (issue 18): the tally of 10 000 rows
 * well under a second. Medians and p95 after a warm-up.
 *
 *   node --import tsx bench/register.ts
 */
import { readRegister, tallyAndCheck } from '../server/src/core/register/index';
import { readRegisterFile } from '../server/src/io/register-read';
import { HEADER, csvOf, sheetOf, xlsxOf, type Cells } from '../test/register/make';

const TARGET_MS = 1000;
const ROWS = 10_000;

const RESULTS = [
  '予以公开',
  '部分公开',
  '信息不存在',
  '需要另行制作',
  '重复申请',
  '申请人撤回',
  '不予公开（涉及商业秘密）',
  '属于国家秘密',
  '',
];
const APPLICANTS = ['公民', '法人或其他组织（商业企业）', '科研机构', '律师事务所', '社会组织', '其他', '法人或其他组织'];

/** A register of `n` applications over 2022–2023, in the styles real registers mix. */
export function bigRegister(n: number): Cells[] {
  const rows: Cells[] = [['某市2023年依申请公开登记台账'], HEADER];
  for (let i = 0; i < n; i++) {
    const m = 1 + (i % 12);
    const d = 1 + (i % 28);
    const year = i % 10 === 0 ? 2022 : 2023;
    const result = RESULTS[i % RESULTS.length];
    const answered = result ? `${year}-${String(m).padStart(2, '0')}-${String(Math.min(28, d + 9)).padStart(2, '0')}` : '';
    rows.push([
      i + 1,
      `N-${i}`,
      i % 3 ? `${year}年${m}月${d}日` : `${year}/${m}/${d}`,
      `申请人${i}`,
      APPLICANTS[i % APPLICANTS.length],
      '某信息',
      answered,
      result,
      i % 50 ? '否' : '是',
      '否',
    ]);
  }
  rows.push(['合计']);
  return rows;
}

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] };
}

interface Timing {
  wall: { median: number; p95: number };
  /** CPU time of this process: what the work costs, whatever else the machine runs. */
  cpu: number;
}

async function time(n: number, op: () => unknown): Promise<Timing> {
  await op();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await op();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: stats(wall), cpu: stats(cpu).median };
}

export async function run(): Promise<string> {
  const rows = bigRegister(ROWS);
  const sheet = sheetOf(rows);
  const xlsx = await xlsxOf(rows);
  const csv = csvOf(rows, 'utf8');
  const tally = await time(15, () => tallyAndCheck(readRegister(sheet), 2023));
  const fromCsv = await time(8, async () => tallyAndCheck(readRegister((await readRegisterFile(csv, 'r.csv')).sheet), 2023));
  const fromXlsx = await time(5, async () => tallyAndCheck(readRegister((await readRegisterFile(xlsx, 'r.xlsx')).sheet), 2023));
  const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
  const row = (name: string, s: Timing, target: boolean) =>
    `| ${name} | ${f(s.wall.median)} | ${f(s.wall.p95)} | ${f(s.cpu)} | ${target ? `${s.cpu < TARGET_MS ? '✓' : '✗'} CPU < ${TARGET_MS}` : '–'} |`;
  return [
    `| ${ROWS} register rows (ms) | wall median | wall p95 | CPU median | target |`,
    '| --- | ---: | ---: | ---: | --- |',
    row('read rows + tally + checks (in memory)', tally, true),
    row(`read CSV (${(csv.length / 1024 / 1024).toFixed(1)} MB) + tally`, fromCsv, true),
    row(`read .xlsx (${(xlsx.length / 1024).toFixed(0)} KB, bounded unzip + exceljs) + tally`, fromXlsx, false),
  ].join('\n');
}

if (require.main === module) void run().then((s) => console.log(s));
