/**
 * --opinions: one `<单位>-<年度>-审阅意见.md` per report, to send back to the unit: the result,
 * then each problem in plain words — where it is (the part and the line) and what to change.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SEVERITY_LABELS } from '../../core/index';
import { reviewCode } from '../codes';
import { RESULT_LABELS, type FindingRow, type ReportRecord, type ReportSummary } from '../types';
import { catalog, deductionsText, placeInWords, summaryByIndex, unitName } from './common';
import { FileSink, type OutputContext } from './index';

/** A file name from a unit's name: no separators or characters Windows refuses. */
function safeFileName(text: string): string {
  const s = text
    // eslint-disable-next-line no-control-regex -- control characters are what a file name must not hold
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/^\.+/, '_')
    .trim();
  return s.slice(0, 80) || '报告';
}

/** Text from a file as Markdown text: no tag, entity or code span starts by accident. */
function md(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '\\`');
}

function advice(f: FindingRow, lang: 'zh' | 'en'): string {
  if (f.fixes?.length) return f.fixes.join(lang === 'en' ? '; ' : '；');
  const c = catalog().find((x) => x.code === f.code) ?? reviewCode(f.code);
  if (f.code === 'text-copied') return lang === 'en' ? 'Rewrite these parts from this year’s work.' : '请按本年度的实际工作重写这些段落。';
  if (f.code === 'file-unreadable') return lang === 'en' ? 'Send the report again as .docx.' : '请另存为 .docx 后重新报送。';
  return c
    ? lang === 'en'
      ? `Correct it as the national format requires: ${c.description.en}.`
      : `请按《政府信息公开工作年度报告格式》改正（${c.description.zh}）。`
    : '';
}

function opinionText(r: ReportRecord, s: ReportSummary, ctx: OutputContext): string {
  const zh = ctx.lang !== 'en';
  const unit = unitName(s);
  const year = r.year ? `${r.year}` : '';
  const out: string[] = [];
  out.push(
    zh
      ? `# 关于${md(unit)}${year ? `${year}年` : ''}政府信息公开工作年度报告的审阅意见`
      : `# Review of the ${year} annual report of ${md(unit)}`,
    '',
  );
  out.push(
    zh
      ? `审阅文件：${md(r.file)}。审阅结果：**${RESULT_LABELS[s.result].zh}**${s.score !== undefined ? `，得分 ${s.score}（满分 ${ctx.settings.scoring.total}）` : ''}；错误 ${s.errors} 个，警告 ${s.warnings} 个。`
      : `File: ${md(r.file)}. Result: **${RESULT_LABELS[s.result].en}**${s.score !== undefined ? `, score ${s.score} of ${ctx.settings.scoring.total}` : ''}; ${s.errors} error(s), ${s.warnings} warning(s).`,
    '',
  );
  if (s.deductions?.length) out.push(`${zh ? '扣分' : 'Deductions'}：${md(deductionsText(s, ctx.lang))}。`, '');
  if (r.imported)
    out.push(
      zh
        ? '（本文件为 Word、网页或文本格式，审阅时先转换为草稿；下文的行号指转换后的草稿，可按所写的部分、表格、行和列在原文件中查找。）'
        : '(This file was converted to a draft for the review; line numbers refer to that draft; find the place by the part, table, row and column named.)',
      '',
    );
  const problems = r.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  const notes = r.findings.filter((f) => f.severity !== 'error' && f.severity !== 'warning');
  if (!problems.length) out.push(zh ? '未发现需要修改的问题。' : 'Nothing needs to be changed.', '');
  else {
    out.push(zh ? '## 需要修改的问题' : '## To change', '');
    problems.forEach((f, i) => {
      out.push(`${i + 1}. **${SEVERITY_LABELS[f.severity][ctx.lang]}** ${md(f.message)}`);
      out.push(`   - ${zh ? '位置' : 'Where'}：${md(placeInWords(f, r, ctx.lang))}`);
      const a = advice(f, ctx.lang);
      if (a) out.push(`   - ${zh ? '修改' : 'Change'}：${md(a)}`);
    });
    out.push('');
  }
  if (notes.length) {
    out.push(zh ? '## 请核实的提示' : '## To verify', '');
    for (const f of notes) out.push(`- ${md(f.message)}（${md(placeInWords(f, r, ctx.lang))}）`);
    out.push('');
  }
  out.push(zh ? '请修改后重新报送。' : 'Please correct and send the report again.', '');
  return out.join('\n');
}

export function writeOpinions(ctx: OutputContext, outDir: string, force: boolean): { written: string[]; problems: string[] } {
  const written: string[] = [];
  const problems: string[] = [];
  const used = new Set<string>();
  const byIndex = summaryByIndex(ctx.summaries);
  for (const r of ctx.records()) {
    const s = byIndex.get(r.index);
    if (!s || s.result === 'duplicate' || r.status === 'interrupted') continue;
    const base = safeFileName(`${unitName(s)}${r.year ? `-${r.year}` : ''}-审阅意见`);
    let name = `${base}.md`;
    for (let k = 2; used.has(name); k++) name = `${base}-${k}.md`;
    used.add(name);
    const target = join(outDir, name);
    if (!force && existsSync(target)) {
      problems.push(`${target} 已存在，未覆盖（要覆盖请加 --force）`);
      continue;
    }
    try {
      const sink = new FileSink(target);
      sink.write(opinionText(r, s, ctx));
      sink.close();
      written.push(target);
    } catch (e) {
      problems.push(`无法写入 ${target}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return { written, problems };
}
