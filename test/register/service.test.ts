/**
 * The register in the report service: configured by the setting (relative to the workspace
 * folder) or by .xxgk-report.json (relative to it, with its column mapping), read in the
 * background, its documents re-checked when the read finishes and again when the file changes
 * on disk; register-mismatch findings, the hover's register rows, the tally command's edit.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OptionsResolver } from '../../server/src/options';
import { createReportService, type ReportService } from '../../server/src/service/index';
import { buildModel } from '../../server/src/core/model';
import { fixture } from '../core/util';
import { registerMatching, xlsxOf, csvOf, type Cells } from './make';

const DRAFT = fixture('clean/town-2024.md');
/** The draft with 5 natural persons under （一）: the register counts 4. */
const WRONG = DRAFT.replace('| （一）予以公开 |  | 4 | 1 |', '| （一）予以公开 |  | 5 | 1 |');
let dir = '';

function matching(text: string): Cells[] {
  const t3 = buildModel(text).reports[0].table3!;
  return registerMatching((r, c) => t3.rows.get(r)!.cells.get(c)!.value!, 2024);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xxgk-register-service-'));
  writeFileSync(join(dir, 'reg.xlsx'), await xlsxOf(matching(DRAFT)));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function serviceWith(settings: unknown, root = dir): { service: ReportService; invalidated: () => Promise<string[]> } {
  const options = new OptionsResolver({ warn: () => undefined, roots: [root] });
  options.setSettings(settings);
  const service = createReportService({ config: () => options, logger: { log: () => undefined, warn: () => undefined } });
  let waiting: ((u: string[]) => void)[] = [];
  service.onDidInvalidate((uris) => {
    const w = waiting;
    waiting = [];
    for (const f of w) f(uris);
  });
  // Resolves at the next re-check the service asks for (a read finished, the file changed).
  const invalidated = () =>
    new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no re-check within 20 s')), 20_000);
      waiting.push((u) => {
        clearTimeout(timer);
        resolve(u);
      });
    });
  return { service, invalidated };
}

const doc = (path: string, text: string, version = 1) => ({ uri: pathToFileURL(path).toString(), version, getText: () => text });
const codes = (s: ReportService, d: ReturnType<typeof doc>) =>
  s
    .getDiagnostics(d)
    .filter((x) => x.code === 'register-mismatch')
    .map((x) => (typeof x.message === 'string' ? x.message : x.message.value));

test('service: the setting names the register; read in the background, then the draft is re-checked', async () => {
  const { service, invalidated } = serviceWith({ register: 'reg.xlsx' });
  const d = doc(join(dir, 'draft.md'), WRONG);
  const next = invalidated();
  // The first analysis does not wait for the file.
  assert.deepEqual(codes(service, d), []);
  assert.deepEqual(await next, [d.uri]);
  const after = codes(service, d);
  assert.equal(after.length, 1);
  assert.match(after[0], /^表三“（一）予以公开”行“自然人”列为 5，依申请公开台账（reg\.xlsx）统计为 4：台账第 \d+、\d+、\d+、\d+ 行$/);
  // The value fix sets the register's figure.
  const diag = service.getDiagnostics(d).find((x) => x.code === 'register-mismatch')!;
  const actions = service.getCodeActions(d, diag.range, { diagnostics: [diag] });
  assert.ok(
    actions.some((a) => a.title === '按台账改为 4' && !a.isPreferred),
    actions.map((a) => a.title).join(),
  );
  // Hover on that cell: the register rows behind it.
  const hover = service.getHover(d, diag.range.start);
  const md = (hover?.contents as { value: string }).value;
  assert.match(md, /\*\*依申请公开台账\*\*（reg\.xlsx）：4 件：/);
  assert.match(md, /- 第 \d+ 行：申请人\d+，公民；2024-\d\d-\d\d 收到，2024-\d\d-\d\d 答复（予以公开）/);
  // The matching draft is clean.
  assert.deepEqual(codes(service, doc(join(dir, 'clean.md'), DRAFT)), []);
  service.dispose();
});

test('service: a register changed on disk is read again and its drafts re-checked', async () => {
  const sub = mkdtempSync(join(dir, 'change-'));
  writeFileSync(join(sub, 'reg.csv'), csvOf(matching(DRAFT), 'utf8'));
  const { service, invalidated } = serviceWith({ register: 'reg.csv' }, sub);
  const d = doc(join(sub, 'draft.md'), DRAFT);
  const first = invalidated();
  codes(service, d);
  await first;
  assert.deepEqual(codes(service, d), []);
  // One more application answered with 予以公开: the register now counts 5 natural persons under （一）.
  const changed = invalidated();
  const more: Cells[] = [...matching(DRAFT), [99, 'X-99', '2024-05-06', '某', '公民', '', '2024-05-10', '予以公开', '否', '否']];
  writeFileSync(join(sub, 'reg.csv'), csvOf(more, 'utf8'));
  await changed;
  const now = codes(service, { ...d, version: 2 });
  assert.ok(
    now.some((m) => /“（一）予以公开”行“自然人”列为 4，依申请公开台账（reg\.csv）统计为 5/.test(m)),
    now.join('\n'),
  );
  service.dispose();
});

test('service: .xxgk-report.json names the register (relative to it) with a column mapping; an unreadable one is said once', async () => {
  const sub = mkdtempSync(join(dir, 'config-'));
  const rows = matching(DRAFT).map((r, i) => (i === 1 ? r.map((h) => (h === '收到申请日期' ? '收件' : h)) : r));
  mkdirSync(join(sub, '台账'));
  writeFileSync(join(sub, '台账', 'reg.xlsx'), await xlsxOf(rows));
  writeFileSync(join(sub, '.xxgk-report.json'), JSON.stringify({ register: { path: '台账/reg.xlsx', columns: { received: '收件' } } }));
  const { service, invalidated } = serviceWith({}, sub);
  const d = doc(join(sub, 'draft.md'), WRONG);
  const next = invalidated();
  codes(service, d);
  await next;
  assert.equal(codes(service, d).length, 1);
  service.dispose();

  writeFileSync(join(sub, '.xxgk-report.json'), JSON.stringify({ register: 'missing.xlsx' }));
  const other = serviceWith({}, sub);
  const msgs = codes(other.service, doc(join(sub, 'draft2.md'), WRONG));
  assert.deepEqual(msgs, ['无法读取依申请公开台账 missing.xlsx，表三未与台账核对：找不到文件 missing.xlsx']);
  other.service.dispose();
});

test('service: the tally command replaces table 三 as one edit, or inserts it into section 三', async () => {
  const { service } = serviceWith({});
  const d = doc(join(dir, 'draft.md'), WRONG);
  const r = await service.getTallyEdit(d, { uri: d.uri, register: pathToFileURL(join(dir, 'reg.xlsx')).toString() });
  assert.ok(r.ok);
  assert.equal(r.replaced, true);
  assert.equal(r.year, 2024);
  assert.equal(r.edits.length, 1);
  assert.deepEqual(r.leftOut, []);
  // Applied, the draft is the clean one again (the same canonical table).
  const lines = WRONG.split('\n');
  const e = r.edits[0];
  const start = lines.slice(0, e.range.start.line).join('\n').length + (e.range.start.line ? 1 : 0) + e.range.start.character;
  const end = lines.slice(0, e.range.end.line).join('\n').length + (e.range.end.line ? 1 : 0) + e.range.end.character;
  assert.equal(WRONG.slice(0, start) + e.newText + WRONG.slice(end), DRAFT);
  // Without table 三: inserted at the end of section 三.
  const bare = DRAFT.replace(/（本列数据的勾稽关系为[^\n]*\n\n(\|[^\n]*\n)+/, '');
  const ins = await service.getTallyEdit(doc(join(dir, 'bare.md'), bare), {
    uri: 'x',
    register: pathToFileURL(join(dir, 'reg.xlsx')).toString(),
  });
  assert.ok(ins.ok);
  assert.equal(ins.replaced, false);
  assert.equal(ins.edits[0].range.start.line, ins.edits[0].range.end.line);
  assert.match(ins.edits[0].newText, /^（本列数据的勾稽关系为/);
  const bad = await service.getTallyEdit(d, { uri: d.uri, register: pathToFileURL(join(dir, 'nope.xlsx')).toString() });
  assert.deepEqual(bad, { ok: false, message: { zh: '找不到文件：nope.xlsx', en: '找不到文件：nope.xlsx' } });
  service.dispose();
});
