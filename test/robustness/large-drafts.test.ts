/**
 * The in-process server (test/server/harness.ts) on drafts of 2 MB, nearly five times the work
 * budget of an interactive analysis (npm run test:robustness; moved from
 * test/server-robustness.test.ts, too heavy for the unit tests): edit bursts never run an
 * analysis past the budget and each pause ends on the complete analysis; fix-all works on the
 * complete analysis.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/index';
import { INCOMPLETE_CODE, INTERACTIVE_WORK } from '../../server/src/core/model';
import { generateReport, rng } from '../helpers/draft';
import { startInProcess } from '../server/harness';

function got(p: { diagnostics: { code?: string | number; range: { start: object } }[] }): string[] {
  return p.diagnostics.map((d) => `${d.code} ${JSON.stringify(d.range.start)}`);
}

test('edit bursts on a draft far beyond a report: no analysis exceeds the work budget, and each pause ends on the complete analysis', async () => {
  const client = await startInProcess({ configurationCapability: false });
  try {
    const service = client.server.service;
    // Every analysis the server publishes or refines, by its counted work.
    const overruns: string[] = [];
    let analyses = 0;
    const getDiagnostics = service.getDiagnostics.bind(service);
    service.getDiagnostics = (d, t) => {
      const r = getDiagnostics(d, t);
      const w = service.getResult(d).analysis?.model.work;
      analyses++;
      if (w && w.units >= INTERACTIVE_WORK + w.largestUnits) overruns.push(`${w.units} units at version ${d.version}`);
      return r;
    };
    const uri = 'untitled:big-draft.md';
    // A realistic 2 MB draft: some 760 000 units of parse work, nearly five budgets, so that
    // the few analyses the bursts cause cannot complete it: the idle moments must.
    const text = generateReport({ seed: 1000, targetBytes: 2 * 1024 * 1024 });
    client.open(uri, text, 1);
    const first = await client.waitForVersion(uri, 1);
    assert.ok(
      first.diagnostics.some((d) => d.code === INCOMPLETE_CODE),
      'the first analysis is budgeted',
    );
    const random = rng(22);
    let version = 1;
    for (let burst = 0; burst < 4; burst++) {
      for (let i = 0; i < 3; i++) {
        const doc = client.doc(uri)!;
        const at = Math.floor(random() * doc.getText().length);
        // Typing: a figure, a character of prose, or a deletion.
        const r = random();
        if (r < 0.2 && at > 0) client.edit(uri, ++version, at - 1, at, '');
        else client.edit(uri, ++version, at, at, r < 0.6 ? String(Math.floor(random() * 10)) : '年');
      }
      await client.settled();
      const last = client.last(uri)!;
      assert.equal(last.version, version);
      const now = client.doc(uri)!.getText();
      const complete = analyze(now, { locale: 'zh', complete: true });
      assert.deepEqual(
        got(last),
        complete.findings.map((f) => `${f.code} ${JSON.stringify(complete.model.lines.positionAt(f.span.start))}`),
        `burst ${burst}: the diagnostics at the pause are those of the complete analysis`,
      );
    }
    assert.deepEqual(overruns, []);
    assert.ok(analyses > 5, `${analyses} analyses published`);
  } finally {
    await client.stop();
  }
});

test('fix-all on a draft far beyond a report works on the complete analysis, and its diagnostics follow', async () => {
  const client = await startInProcess({ configurationCapability: false });
  try {
    const uri = 'untitled:big-fixall.md';
    // 一 written as a paragraph title (a safe fix) in front of 2 MB of prose: its segment is the
    // one the budget leaves incomplete, so the budgeted analysis cannot see that finding.
    const text = generateReport({ seed: 7, targetBytes: 2 * 1024 * 1024 }).replace('## 一、总体情况', '**一、总体情况**');
    client.open(uri, text, 1);
    const first = await client.waitForVersion(uri, 1);
    assert.ok(first.diagnostics.some((d) => d.code === INCOMPLETE_CODE));
    assert.ok(!first.diagnostics.some((d) => d.code === 'section-not-heading'));
    const r = await client.connection.sendRequest<{ version: number; edits: { newText: string }[] }>('xxgkReport/fixAll', { uri });
    assert.equal(r.version, 1);
    assert.ok(
      r.edits.some((e) => e.newText.includes('#')),
      `the section-not-heading fix is among the edits: ${JSON.stringify(r.edits)}`,
    );
    // The complete analysis it used is then what the document shows.
    await client.settled();
    const last = client.last(uri)!;
    assert.ok(!last.diagnostics.some((d) => d.code === INCOMPLETE_CODE));
    assert.ok(last.diagnostics.some((d) => d.code === 'section-not-heading'));
  } finally {
    await client.stop();
  }
});
