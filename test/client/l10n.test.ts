// The manifest and the client's own strings are localised: English default, Chinese bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

test('every %key% of package.json is in package.nls.json and package.nls.zh-cn.json', () => {
  const keys = [...read('package.json').matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 10);
  const en = JSON.parse(read('package.nls.json'));
  const zh = JSON.parse(read('package.nls.zh-cn.json'));
  for (const k of keys) {
    assert.ok(en[k], `package.nls.json lacks ${k}`);
    assert.ok(zh[k], `package.nls.zh-cn.json lacks ${k}`);
  }
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  // the Chinese titles are Chinese
  assert.equal(zh['command.openTableEditor'], '打开表格编辑器');
  assert.equal(zh.category, '年报');
});

test('every vscode.l10n.t string of the client has a zh-cn translation', () => {
  const bundle = JSON.parse(read('l10n/bundle.l10n.zh-cn.json'));
  const dir = new URL('client/src/', root);
  const used = new Set<string>();
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.ts')) continue;
    const src = readFileSync(new URL(f, dir), 'utf8');
    // Either quote: Prettier writes a string that contains an apostrophe in double quotes.
    for (const m of src.matchAll(/\bt\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g)) {
      used.add((m[1] ?? m[2]).replace(/\\(['"])/g, '$1'));
    }
  }
  assert.ok(used.size > 20);
  const missing = [...used].filter((s) => !(s in bundle));
  assert.deepEqual(missing, []);
  const unused = Object.keys(bundle).filter((k) => !used.has(k));
  assert.deepEqual(unused, [], 'bundle entries no client string uses');
  for (const [k, v] of Object.entries(bundle)) {
    for (const p of k.match(/\{\d\}/g) ?? []) assert.ok(String(v).includes(p), `${k}: placeholder ${p} lost in ${String(v)}`);
  }
});
