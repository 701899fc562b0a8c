/**
 * 审阅结果.html: one self-contained page (inline CSS, inline script, inline SVG; a
 * Content-Security-Policy that forbids every request). The summary table sorts on any column
 * and filters by text and result; each report's details show its findings and table 三 in the
 * official layout (core/table-layout.ts, the one layout function) with the wrong cells marked;
 * two plain charts show the batch. Every text from a file is escaped.
 */
import { tableLayout, type LayoutCell } from '../../core/table-layout';
import { NO_RANKING } from '../config';
import { RESULT_LABELS, STATUS_LABELS, type ReportRecord, type ReportResult, type ReportSummary } from '../types';
import { catalog, deductionsText, placeInWords, placeText, resultLabel, severityLabel, summaryByIndex, totals, unitName } from './common';
import type { OutputContext, Sink } from './index';

function esc(text: string | number | undefined | null): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--bad:#b42318;--bad-bg:#fde8e7;--warn:#9a6700;--warn-bg:#fff4d6;--ok:#1a7f37;--inv-bg:#eef4ff}
*{box-sizing:border-box}
body{font:14px/1.6 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC",system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1400px;padding:16px 24px 48px}
h1{font-size:22px;margin:8px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.meta{color:var(--muted);margin:0 0 8px}
.banner{background:var(--warn-bg);border:1px solid #e3c46a;padding:8px 12px;border-radius:6px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:110px;background:var(--soft)}
.card b{display:block;font-size:22px}
.charts{display:flex;flex-wrap:wrap;gap:24px}
.charts figure{margin:0;flex:1 1 420px}
.charts figcaption{font-weight:600;margin-bottom:4px}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}
.filters input{flex:1 1 260px;padding:6px 8px;border:1px solid var(--line);border-radius:6px;font:inherit}
.filters select{padding:6px 8px;border:1px solid var(--line);border-radius:6px;font:inherit}
table{border-collapse:collapse}
#summary{width:100%}
#summary th,#summary td,.findings th,.findings td{border:1px solid var(--line);padding:4px 8px;vertical-align:top;text-align:left}
#summary th{background:var(--soft);position:sticky;top:0;white-space:nowrap}
#summary th button{all:unset;cursor:pointer;font-weight:600}
#summary th[aria-sort=ascending] button::after{content:" ▲"}#summary th[aria-sort=descending] button::after{content:" ▼"}
#summary tbody tr{cursor:pointer}#summary tbody tr:hover{background:var(--soft)}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.result-pass{color:var(--ok);font-weight:600}.result-fail{color:var(--bad);font-weight:600}.result-unreviewed,.result-duplicate{color:var(--warn);font-weight:600}
ol.top{margin:0;padding-left:1.4em}
.note{color:var(--muted)}
.report{margin:10px 0;border:1px solid var(--line);border-radius:8px}
.report>details>summary{padding:8px 12px;cursor:pointer;font-weight:600;background:var(--soft);border-radius:8px}
.report .body{padding:8px 16px 16px}
.report dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}
.report dt{color:var(--muted)}.report dd{margin:0}
.findings{width:100%;margin:8px 0}
.sev-error{color:var(--bad)}.sev-warning{color:var(--warn)}.sev-information,.sev-hint{color:var(--muted)}
.fix{color:var(--muted);font-size:13px}
.t3{font-size:12px;margin:8px 0;overflow-x:auto;display:block}
.t3 table{border-collapse:collapse}
.t3 td,.t3 th{border:1px solid #8c959f;padding:2px 6px;text-align:center;min-width:2.5em}
.t3 th{background:var(--soft);font-weight:normal}
.t3 td.wrong{background:var(--bad-bg);color:var(--bad);font-weight:700;outline:2px solid var(--bad);outline-offset:-2px}
.t3 td.involved{background:var(--inv-bg)}
.t3 td.missing{color:var(--muted)}
.legend span{display:inline-block;padding:0 6px;margin-right:8px;border:1px solid var(--line)}
@media print{.filters,#summary th button::after{display:none}}
`;

const SCRIPT = `(function(){
var table=document.getElementById('summary');if(!table)return;
var tbody=table.tBodies[0];var rows=Array.prototype.slice.call(tbody.rows);
var heads=Array.prototype.slice.call(table.tHead.rows[0].cells);
var state={col:-1,dir:1};
function key(row,col){var c=row.cells[col];var v=c.getAttribute('data-sort');return v!==null?v:c.textContent.trim();}
function sortBy(col){
  var th=heads[col];var numeric=th.getAttribute('data-type')==='number';
  state.dir=state.col===col?-state.dir:1;state.col=col;
  var dir=state.dir;
  var sorted=rows.slice().sort(function(a,b){
    var x=key(a,col),y=key(b,col);
    if(numeric){var nx=x===''?NaN:Number(x),ny=y===''?NaN:Number(y);
      if(isNaN(nx)&&isNaN(ny))return 0;if(isNaN(nx))return 1;if(isNaN(ny))return -1;return (nx-ny)*dir;}
    return x.localeCompare(y,'zh-Hans-CN')*dir;});
  heads.forEach(function(h){h.removeAttribute('aria-sort');});
  th.setAttribute('aria-sort',dir>0?'ascending':'descending');
  sorted.forEach(function(r){tbody.appendChild(r);});
}
heads.forEach(function(th,i){var b=th.querySelector('button');if(b)b.addEventListener('click',function(){sortBy(i);});});
var text=document.getElementById('filter'),result=document.getElementById('result-filter'),count=document.getElementById('shown');
function apply(){
  var q=text.value.trim().toLowerCase(),r=result.value,n=0;
  rows.forEach(function(row){var ok=(!q||row.textContent.toLowerCase().indexOf(q)>=0)&&(!r||row.getAttribute('data-result')===r);row.hidden=!ok;if(ok)n++;});
  count.textContent=n+' / '+rows.length;
}
text.addEventListener('input',apply);result.addEventListener('change',apply);apply();
function openTarget(){var id=decodeURIComponent(location.hash.slice(1));if(!id)return;var el=document.getElementById(id);if(!el)return;var d=el.querySelector('details');if(d)d.open=true;el.scrollIntoView();}
window.addEventListener('hashchange',openTarget);openTarget();
rows.forEach(function(row){row.addEventListener('click',function(e){if(e.target.closest&&e.target.closest('a'))return;var t=row.getAttribute('data-target');if(location.hash==='#'+t)openTarget();else location.hash=t;});});
})();`;

/** A horizontal bar chart as inline SVG: one bar per item, its count at the end. */
function barChart(items: { label: string; value: number; colour: string; tip?: string }[], title: string): string {
  const rowH = 24;
  const labelW = 180;
  const barW = 360;
  const max = Math.max(1, ...items.map((i) => i.value));
  const h = Math.max(rowH, items.length * rowH) + 8;
  const bars = items
    .map((it, k) => {
      const y = k * rowH + 4;
      const w = Math.round((it.value / max) * barW);
      return `<g><title>${esc(it.tip ?? `${it.label}：${it.value}`)}</title><text x="${labelW - 6}" y="${y + 15}" text-anchor="end" font-size="12">${esc(it.label)}</text><rect x="${labelW}" y="${y + 3}" width="${Math.max(w, it.value ? 2 : 0)}" height="${rowH - 8}" fill="${it.colour}"/><text x="${labelW + w + 6}" y="${y + 15}" font-size="12">${it.value}</text></g>`;
    })
    .join('');
  return `<svg role="img" aria-label="${esc(title)}" width="${labelW + barW + 60}" height="${h}" viewBox="0 0 ${labelW + barW + 60} ${h}" xmlns="http://www.w3.org/2000/svg">${bars}</svg>`;
}

const RESULT_COLOURS: Record<ReportResult, string> = { pass: '#2da44e', fail: '#cf222e', unreviewed: '#bf8700', duplicate: '#8c959f' };

function charts(ctx: OutputContext): string {
  const zh = ctx.lang !== 'en';
  const t = totals(ctx.summaries);
  const results = (['pass', 'fail', 'unreviewed', 'duplicate'] as ReportResult[]).map((r) => ({
    label: RESULT_LABELS[r][ctx.lang],
    value: t[r],
    colour: RESULT_COLOURS[r],
  }));
  const counts = new Map<string, number>();
  for (const s of ctx.summaries) for (const [code, n] of Object.entries(s.byCode)) counts.set(code, (counts.get(code) ?? 0) + n);
  const severity = new Map(catalog().map((c) => [c.code, c]));
  const byRule = [...counts]
    .filter(([code]) => {
      const sev = severity.get(code)?.severity;
      return sev === 'error' || sev === 'warning';
    })
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 15)
    .map(([code, n]) => ({
      label: code,
      value: n,
      colour: severity.get(code)?.severity === 'error' ? '#cf222e' : '#bf8700',
      tip: `${code}：${severity.get(code)?.description[ctx.lang] ?? ''}（${n}）`,
    }));
  return `<section class="charts" id="charts">
<figure><figcaption>${zh ? '各结果的报告数' : 'Reports by result'}</figcaption>${barChart(results, zh ? '各结果的报告数' : 'Reports by result')}</figure>
<figure><figcaption>${zh ? '各规则的问题数（错误、警告，前 15 项）' : 'Findings by rule (errors and warnings, top 15)'}</figcaption>${byRule.length ? barChart(byRule, zh ? '各规则的问题数' : 'Findings by rule') : `<p class="note">${zh ? '没有错误或警告。' : 'No errors or warnings.'}</p>`}</figure>
</section>`;
}

function summaryTable(ctx: OutputContext): string {
  const zh = ctx.lang !== 'en';
  const heads: [string, 'text' | 'number'][] = [
    [zh ? '序号' : '#', 'number'],
    [zh ? '单位' : 'Unit', 'text'],
    [zh ? '年度' : 'Year', 'number'],
    [zh ? '文件' : 'File', 'text'],
    [zh ? '结果' : 'Result', 'text'],
    [zh ? '错误' : 'Errors', 'number'],
    [zh ? '警告' : 'Warnings', 'number'],
    [zh ? '得分' : 'Score', 'number'],
    ...(ctx.ranked ? ([[zh ? '排名' : 'Rank', 'number']] as [string, 'number'][]) : []),
    [zh ? '主要问题' : 'Main problems', 'text'],
  ];
  const th = heads.map(([h, type]) => `<th data-type="${type}" scope="col"><button type="button">${esc(h)}</button></th>`).join('');
  const rows = ctx.summaries
    .map((s, i) => {
      const target = `r-${s.index}`;
      const top = s.top.length ? `<ol class="top">${s.top.map((t) => `<li>${esc(t)}</li>`).join('')}</ol>` : '';
      // A file not reviewed says why in its one problem already.
      const note =
        s.status !== 'ok' && !s.top.some((t) => s.reason && t.includes(s.reason))
          ? `<div class="note">${esc(STATUS_LABELS[s.status][ctx.lang])}${s.reason ? `：${esc(s.reason)}` : ''}</div>`
          : '';
      return `<tr data-result="${s.result}" data-target="${target}"><td class="num">${i + 1}</td><td><a href="#${target}">${esc(unitName(s))}</a></td><td class="num" data-sort="${s.year ?? ''}">${esc(s.year ?? '')}</td><td>${esc(s.file)}</td><td class="result-${s.result}">${esc(resultLabel(s, ctx.lang))}</td><td class="num">${s.errors}</td><td class="num">${s.warnings}</td><td class="num" data-sort="${s.score ?? ''}">${esc(s.score ?? '—')}</td>${ctx.ranked ? `<td class="num" data-sort="${s.rank ?? ''}">${esc(s.rank ?? '—')}</td>` : ''}<td>${top}${note}</td></tr>`;
    })
    .join('\n');
  const options = (['pass', 'fail', 'unreviewed', 'duplicate'] as ReportResult[])
    .map((r) => `<option value="${r}">${esc(RESULT_LABELS[r][ctx.lang])}</option>`)
    .join('');
  return `<section id="summary-section"><h2>${zh ? '汇总' : 'Summary'}</h2>
<div class="filters"><input id="filter" type="search" placeholder="${zh ? '筛选：单位、文件、问题……' : 'Filter: unit, file, problem…'}" aria-label="${zh ? '筛选' : 'Filter'}"><select id="result-filter" aria-label="${zh ? '结果' : 'Result'}"><option value="">${zh ? '全部结果' : 'All results'}</option>${options}</select><span>${zh ? '显示' : 'Showing'} <span id="shown"></span></span></div>
${ctx.ranked ? '' : `<p class="note" id="no-ranking">${esc(NO_RANKING[ctx.lang])}</p>`}
<table id="summary"><thead><tr>${th}</tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

function table3Html(r: ReportRecord, lang: 'zh' | 'en'): string {
  const t = r.table3;
  if (!t) return '';
  const layout = tableLayout('table3', lang);
  const cell = (c: LayoutCell) => {
    const span = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
    if (c.kind !== 'value') return `<th${span}>${esc(c.text)}</th>`;
    const key = c.key!;
    const value = t.values[key];
    const mark = t.marks[key];
    const cls = [value === undefined ? 'missing' : '', mark?.level ?? ''].filter(Boolean).join(' ');
    const title = mark ? ` title="${esc(mark.messages.join('\n'))}"` : '';
    return `<td${span}${cls ? ` class="${cls}"` : ''}${title} data-key="${esc(key)}">${value === undefined ? '—' : esc(value)}</td>`;
  };
  const head = layout.headerRows.map((row) => `<tr>${row.map((c) => cell(c)).join('')}</tr>`).join('');
  const body = layout.bodyRows.map((row) => `<tr>${row.map((c) => cell(c)).join('')}</tr>`).join('');
  const zh = lang !== 'en';
  return `<h4>${zh ? '表三 收到和处理政府信息公开申请情况' : 'Table 3: applications received and handled'}</h4>
<p class="legend"><span class="wrong-key" style="background:var(--bad-bg);color:var(--bad)">${zh ? '有问题的格' : 'wrong cell'}</span><span style="background:var(--inv-bg)">${zh ? '参与计算的格' : 'cell in the check'}</span>${zh ? '悬停查看问题' : 'hover for the problem'}</p>
<div class="t3"><table><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

function details(r: ReportRecord, s: ReportSummary, ctx: OutputContext): string {
  const zh = ctx.lang !== 'en';
  const rows = r.findings
    .map((f) => {
      const fixes = f.fixes?.length ? `<div class="fix">${zh ? '修改建议：' : 'Fix: '}${f.fixes.map(esc).join('；')}</div>` : '';
      const related = f.related?.length
        ? `<div class="fix">${f.related
            .slice(0, 6)
            .map((x) => `${x.file ? `${esc(x.file)} ` : ''}${x.line ? `${x.line}:${x.column ?? 1} ` : ''}${esc(x.message)}`)
            .join('<br>')}</div>`
        : '';
      return `<tr><td>${esc(placeText(f))}</td><td class="sev-${f.severity}">${esc(severityLabel(f.severity, ctx.lang))}</td><td><code>${esc(f.code)}</code></td><td>${esc(f.message)}<div class="fix">${esc(placeInWords(f, r, ctx.lang))}</div>${fixes}${related}</td></tr>`;
    })
    .join('\n');
  const findings = r.findings.length
    ? `<table class="findings"><thead><tr><th>${zh ? '位置' : 'Place'}</th><th>${zh ? '级别' : 'Severity'}</th><th>${zh ? '规则' : 'Rule'}</th><th>${zh ? '问题' : 'Problem'}</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p>${zh ? '没有发现问题。' : 'No problems found.'}</p>`;
  const dl: [string, string][] = [
    [zh ? '文件' : 'File', esc(r.file)],
    [
      zh ? '格式' : 'Format',
      esc(r.format) + (r.imported ? (zh ? '（已导入为草稿，行号指导入后的草稿）' : ' (imported; lines refer to the imported draft)') : ''),
    ],
    [zh ? '结果' : 'Result', `<span class="result-${s.result}">${esc(resultLabel(s, ctx.lang))}</span>`],
    [
      zh ? '得分' : 'Score',
      `${esc(s.score ?? '—')}${s.deductions?.length ? `<span class="note">（${esc(deductionsText(s, ctx.lang))}）</span>` : ''}`,
    ],
  ];
  if (r.status !== 'ok') dl.push([zh ? '状态' : 'Status', esc(STATUS_LABELS[r.status][ctx.lang])]);
  if (r.reason) dl.push([zh ? '说明' : 'Note', esc(r.reason)]);
  if (r.previousFile) dl.push([zh ? '上一年度报告' : 'Previous year', esc(r.previousFile)]);
  return `<section class="report" id="r-${r.index}"><details><summary>${esc(unitName(s))}${r.year ? ` ${r.year}` : ''} — ${esc(resultLabel(s, ctx.lang))}（${zh ? '错误' : 'errors'} ${s.errors}，${zh ? '警告' : 'warnings'} ${s.warnings}）</summary><div class="body">
<dl>${dl.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>
${findings}
${table3Html(r, ctx.lang)}
</div></details></section>`;
}

export function writeHtml(ctx: OutputContext, sink: Sink): void {
  const zh = ctx.lang !== 'en';
  const t = totals(ctx.summaries);
  const title = zh ? '政府信息公开工作年度报告审阅结果' : 'Annual report review';
  sink.write(`<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head><body>
<h1>${esc(title)}</h1>
<p class="meta">${zh ? '生成时间' : 'Generated'} ${esc(ctx.generated.toLocaleString(zh ? 'zh-CN' : 'en-GB', { hour12: false }))} · ${zh ? '审阅' : 'Reviewed'} ${esc(ctx.inputs.join('、'))}${ctx.previous.length ? ` · ${zh ? '上年报告' : 'previous year'} ${esc(ctx.previous.join('、'))}` : ''}</p>
${ctx.interrupted ? `<p class="banner">${zh ? '审阅已中断：只列出已完成的部分。' : 'The review was interrupted: only what was done is listed.'}</p>` : ''}
<div class="cards"><div class="card">${zh ? '文件' : 'Files'}<b>${t.files}</b></div><div class="card">${esc(RESULT_LABELS.pass[ctx.lang])}<b class="result-pass">${t.pass}</b></div><div class="card">${esc(RESULT_LABELS.fail[ctx.lang])}<b class="result-fail">${t.fail}</b></div><div class="card">${esc(RESULT_LABELS.unreviewed[ctx.lang])}<b>${t.unreviewed}</b></div><div class="card">${esc(RESULT_LABELS.duplicate[ctx.lang])}<b>${t.duplicate}</b></div><div class="card">${zh ? '错误 / 警告' : 'Errors / warnings'}<b>${t.errors} / ${t.warnings}</b></div></div>
${charts(ctx)}
${summaryTable(ctx)}
<h2>${zh ? '各报告详情' : 'Reports'}</h2>
`);
  const byIndex = summaryByIndex(ctx.summaries);
  for (const r of ctx.records()) {
    const s = byIndex.get(r.index);
    if (s) sink.write(`${details(r, s, ctx)}\n`);
  }
  sink.write(`<script>${SCRIPT}</script>\n</body></html>\n`);
}
