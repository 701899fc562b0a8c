/**
 * 审阅结果.xlsx (exceljs, the streaming writer: rows are committed as they are made): 汇总 (one
 * row per file), 问题清单 (one row per finding) and 口径与规则 (every rule, what it checks, and
 * the scoring table used). Chinese headers, the header row frozen, filters on, columns as wide
 * as their contents (East Asian characters count double, up to a limit; longer text wraps).
 */
import ExcelJS from 'exceljs';
import { eastAsianWidth } from 'get-east-asian-width';
import { NO_RANKING, scoringKey } from '../config';
import { STATUS_LABELS } from '../types';
import { catalog, deductionsText, placeText, resultLabel, severityLabel, summaryByIndex, unitName } from './common';
import type { OutputContext } from './index';

/** Display width in spreadsheet characters (a CJK character is two). */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += eastAsianWidth(ch.codePointAt(0)!);
  return w;
}

interface Col {
  header: string;
  key: string;
  max: number;
  wrap?: boolean;
}

/** Column widths fitted to the header and the values, between 6 and the column's maximum. */
class Widths {
  private readonly w: number[];
  constructor(private readonly cols: Col[]) {
    this.w = cols.map((c) => width(c.header) + 2);
  }
  see(values: readonly (string | number)[]): void {
    values.forEach((v, i) => {
      if (v === undefined || v === null || i >= this.w.length) return;
      const longest = Math.max(...String(v).split('\n').map(width));
      this.w[i] = Math.max(this.w[i], longest + 2);
    });
  }
  columns(): Partial<ExcelJS.Column>[] {
    return this.cols.map((c, i) => ({
      header: c.header,
      key: c.key,
      width: Math.max(6, Math.min(c.max, this.w[i])),
      ...(c.wrap ? { style: { alignment: { wrapText: true, vertical: 'top' } } } : {}),
    }));
  }
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };

function sheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, cols: Col[], widths: Widths): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = widths.columns();
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  header.alignment = { vertical: 'middle' };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  header.commit();
  return ws;
}

export async function writeXlsx(ctx: OutputContext, path: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  wb.creator = 'xxgk-report';
  wb.created = ctx.generated;
  writeSummarySheet(wb, ctx);
  writeFindingsSheet(wb, ctx);
  writeRulesSheet(wb, ctx);
  await wb.commit();
}

type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;

/** 汇总: one row per report, its result coloured; a note when unranked or interrupted. */
function writeSummarySheet(wb: Workbook, ctx: OutputContext): void {
  const zh = ctx.lang !== 'en';
  const summaryCols: Col[] = [
    { header: '序号', key: 'n', max: 8 },
    { header: '单位', key: 'unit', max: 36 },
    { header: '年度', key: 'year', max: 8 },
    { header: '文件', key: 'file', max: 48 },
    { header: '结果', key: 'result', max: 12 },
    { header: '错误', key: 'errors', max: 8 },
    { header: '警告', key: 'warnings', max: 8 },
    { header: '得分', key: 'score', max: 8 },
    ...(ctx.ranked ? [{ header: '排名', key: 'rank', max: 8 }] : []),
    { header: '扣分明细', key: 'deductions', max: 40, wrap: true },
    { header: '主要问题（最严重的三项）', key: 'top', max: 80, wrap: true },
    { header: '说明', key: 'note', max: 60, wrap: true },
  ];
  const summaryRows = ctx.summaries.map((s, i) => [
    i + 1,
    unitName(s),
    s.year ?? '',
    s.file,
    resultLabel(s, ctx.lang),
    s.errors,
    s.warnings,
    s.score ?? '',
    ...(ctx.ranked ? [s.rank ?? ''] : []),
    deductionsText(s, ctx.lang).replace(/；/g, '\n'),
    s.top.map((t, k) => `${k + 1}. ${t}`).join('\n'),
    [s.status !== 'ok' ? STATUS_LABELS[s.status][ctx.lang] : '', s.reason ?? ''].filter(Boolean).join('：'),
  ]);
  const sw = new Widths(summaryCols);
  for (const r of summaryRows) sw.see(r);
  const summary = sheet(wb, '汇总', summaryCols, sw);
  const resultCol = summaryCols.findIndex((c) => c.key === 'result') + 1;
  summaryRows.forEach((values, i) => {
    const row = summary.addRow(values);
    const s = ctx.summaries[i];
    const colour = s.result === 'pass' ? 'FF1B7F3B' : s.result === 'fail' ? 'FFC00000' : 'FF7F6000';
    row.getCell(resultCol).font = { color: { argb: colour }, bold: true };
    row.commit();
  });
  if (!ctx.ranked) {
    summary.addRow([]).commit();
    summary.addRow(['', NO_RANKING[ctx.lang]]).commit();
  }
  if (ctx.interrupted)
    summary.addRow(['', zh ? '审阅已中断：只列出已完成的部分。' : 'The review was interrupted: only what was done is listed.']).commit();
  summary.commit();
}

/** 问题清单: one row per finding, read from the spool twice (widths, then rows). */
function writeFindingsSheet(wb: Workbook, ctx: OutputContext): void {
  const findingCols: Col[] = [
    { header: '单位', key: 'unit', max: 36 },
    { header: '年度', key: 'year', max: 8 },
    { header: '文件', key: 'file', max: 48 },
    { header: '位置（行:列）', key: 'place', max: 14 },
    { header: '级别', key: 'severity', max: 8 },
    { header: '规则', key: 'rule', max: 24 },
    { header: '问题', key: 'message', max: 100, wrap: true },
    { header: '所在部分', key: 'section', max: 36 },
  ];
  const byIndex = summaryByIndex(ctx.summaries);
  const findingValues = function* () {
    for (const r of ctx.records()) {
      const s = byIndex.get(r.index);
      if (!s) continue;
      for (const f of r.findings)
        yield [unitName(s), r.year ?? '', r.file, placeText(f), severityLabel(f.severity, ctx.lang), f.code, f.message, f.section ?? ''];
    }
  };
  // Widths need every row first: one pass to measure, one to write (the records are read back from disk).
  const fw = new Widths(findingCols);
  for (const v of findingValues()) fw.see(v);
  const findings = sheet(wb, '问题清单', findingCols, fw);
  for (const v of findingValues()) findings.addRow(v).commit();
  findings.commit();
}

/** 口径与规则: every rule with its points, the tag entries, then how scoring works. */
function writeRulesSheet(wb: Workbook, ctx: OutputContext): void {
  const zh = ctx.lang !== 'en';
  const ruleCols: Col[] = [
    { header: '规则代码', key: 'code', max: 24 },
    { header: '默认级别', key: 'severity', max: 10 },
    { header: '标签', key: 'tags', max: 24 },
    { header: '检查什么', key: 'what', max: 70, wrap: true },
    { header: '每条扣分', key: 'points', max: 10 },
    { header: '扣分上限', key: 'cap', max: 10 },
    { header: '计分依据', key: 'basis', max: 60, wrap: true },
  ];
  const scoring = ctx.settings.scoring;
  const ruleRows = catalog().map((c) => {
    const key = scoringKey(c.code, scoring, () => c.tags);
    const e = key ? scoring.rules[key] : undefined;
    return [
      c.code,
      severityLabel(c.severity, ctx.lang),
      c.tags.join(', '),
      c.description[ctx.lang],
      e ? e.points : '',
      e ? (e.cap ?? '') : '',
      e ? `${key !== c.code ? `（${key}）` : ''}${e.basis ?? ''}` : '',
    ];
  });
  const notes = [
    [zh ? '计分口径' : 'Scoring'],
    [
      zh
        ? `每份报告起始 ${scoring.total} 分，按上表每条问题扣分，同一项扣分不超过上限，最低 0 分。规则代码的扣分优先于 tag:标签 的扣分，一条问题只扣一次。`
        : `Each report starts at ${scoring.total}; each finding deducts its points, up to the cap per entry; never below 0. A rule's own entry wins over a tag entry; a finding is deducted once.`,
    ],
    [
      zh
        ? '默认计分表参照一份公开的县级考核细则（年度报告10分；逾期报送、逾期公开、缺少要素、与往年或其他单位雷同、退回后未改正各扣5分）：逾期报送和退回未改正无法从文件判断，不计；数据失准等评议中常见的问题由本工具按较小的分值扣分。可在 .xxgk-report.json 的 review.scoring 中修改。'
        : 'The default table follows one published county assessment rule (10 points; 5 off each for late filing, late publication, missing elements, copied text, uncorrected returns); late filing and returns cannot be seen in the files. Change it in review.scoring of .xxgk-report.json.',
    ],
    [
      zh
        ? `正文雷同（text-copied）的阈值：照搬段落占正文的 ${Math.round(ctx.settings.copiedThreshold * 100)}%（review.copiedThreshold）。`
        : `Copied text threshold: ${Math.round(ctx.settings.copiedThreshold * 100)}% of the prose (review.copiedThreshold).`,
    ],
    [
      ctx.ranked
        ? zh
          ? '参加排名的报告不少于30份，汇总表按得分排名（并列同名次）。'
          : 'Ranked by score (ties share a rank).'
        : NO_RANKING[ctx.lang],
    ],
  ];
  const scoringRows = Object.entries(scoring.rules).filter(([k]) => k.startsWith('tag:'));
  const rw = new Widths(ruleCols);
  for (const r of ruleRows) rw.see(r);
  const rulesSheet = sheet(wb, '口径与规则', ruleCols, rw);
  for (const r of ruleRows) rulesSheet.addRow(r).commit();
  rulesSheet.addRow([]).commit();
  for (const [key, e] of scoringRows)
    rulesSheet
      .addRow([
        key,
        '',
        '',
        zh ? `标签为 ${key.slice(4)} 的规则（没有单独计分的）` : `rules tagged ${key.slice(4)}`,
        e.points,
        e.cap ?? '',
        e.basis ?? '',
      ])
      .commit();
  rulesSheet.addRow([]).commit();
  for (const n of notes) {
    const row = rulesSheet.addRow(n);
    row.getCell(1).alignment = { wrapText: false };
    row.commit();
  }
  rulesSheet.commit();
}
