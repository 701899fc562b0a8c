#!/usr/bin/env node
// Lists the files in a .vsix (a zip) and fails if anything but the extension's runtime files is
// inside: the bundles (dist/*.js, and the rule pages dist/rules/*.md that build.mjs copies),
// package.json, snippets/, syntaxes/, README, CHANGELOG, LICENSE, package.nls*.json, the files
// package.json points at (icon, jsonValidation schemas), and the vsix's own metadata.
//
//   node scripts/vscode/check-vsix.mjs [file.vsix]     (default: the newest *.vsix in the repo root)
//
// A tiny zip reader (central directory + inflateRaw), no dependency.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** @returns {{name: string, size: number, compressed: number, method: number, offset: number}[]} */
export function listZip(buf) {
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({ name, size, compressed, method, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export function readEntry(buf, entry) {
  const p = entry.offset;
  if (buf.readUInt32LE(p) !== 0x04034b50) throw new Error(`bad local header for ${entry.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + entry.compressed);
  if (entry.method === 0) return data;
  if (entry.method === 8) return zlib.inflateRawSync(data);
  throw new Error(`unsupported compression method ${entry.method} for ${entry.name}`);
}

/** Returns the list of entries that are not allowed, given the packaged package.json. */
export function unexpectedEntries(names, manifest) {
  // files that package.json itself points at: the icon and JSON schemas for jsonValidation
  const referenced = new Set();
  const local = (/** @type {string} */ p) => `extension/${p.replace(/^\.\//, '')}`;
  if (manifest?.icon) referenced.add(local(manifest.icon));
  for (const v of manifest?.contributes?.jsonValidation ?? []) {
    if (v.url && !/^[a-z]+:/i.test(v.url)) referenced.add(local(v.url));
  }
  const allowed = [
    /^extension\.vsixmanifest$/,
    /^\[Content_Types\]\.xml$/,
    /^extension\/package\.json$/,
    /^extension\/package\.nls(\.[A-Za-z-]+)?\.json$/,
    /^extension\/dist\/[^/]+\.js$/,
    /^extension\/dist\/webview\/[^/]+\.js$/, // the table editor's page script
    /^extension\/media\/[^/]+\.css$/, // the table editor's and the preview's styles
    /^extension\/l10n\/bundle\.l10n(\.[A-Za-z-]+)?\.json$/, // the client's own strings
    /^extension\/dist\/rules\/[^/]+\.md$/, // rule documentation that diagnostics link to (build.mjs copies it)
    /^extension\/dist\/cmaps\/[^/]+\.bcmap$/, // pdf.js's GB character maps for PDFs whose Chinese fonts are not embedded
    /^extension\/snippets\/[^/]+\.json$/,
    /^extension\/syntaxes\/[^/]+\.json$/,
    /^extension\/(readme|changelog)\.md$/i,
    /^extension\/licen[cs]e(\.(txt|md))?$/i,
  ];
  return names.filter((n) => !n.endsWith('/') && !referenced.has(n) && !allowed.some((re) => re.test(n)));
}

function newestVsix() {
  const files = fs
    .readdirSync(ROOT)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => path.join(ROOT, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return files[0];
}

/** What the manifest names (main, server, snippets, grammars, schemas, styles, webview, l10n, icon) and the package lacks. */
function missingFiles(manifest, names) {
  const problems = [];
  const main = manifest.main && `extension/${manifest.main.replace(/^\.\//, '')}`;
  if (!main) problems.push('package.json has no "main"');
  else if (!names.has(main) && !names.has(`${main}.js`)) problems.push(`main ${manifest.main} is not in the package`);
  if (!names.has('extension/dist/server.js')) problems.push('dist/server.js (the language server) is not in the package');
  for (const s of manifest.contributes?.snippets ?? []) {
    if (!names.has(`extension/${s.path.replace(/^\.\//, '')}`)) problems.push(`snippets file ${s.path} is not in the package`);
  }
  for (const g of manifest.contributes?.grammars ?? []) {
    if (!names.has(`extension/${g.path.replace(/^\.\//, '')}`)) problems.push(`grammar ${g.path} is not in the package`);
  }
  for (const v of manifest.contributes?.jsonValidation ?? []) {
    if (v.url && !/^[a-z]+:/i.test(v.url) && !names.has(`extension/${v.url.replace(/^\.\//, '')}`))
      problems.push(`JSON schema ${v.url} is not in the package`);
  }
  for (const css of manifest.contributes?.['markdown.previewStyles'] ?? []) {
    if (!names.has(`extension/${css.replace(/^\.\//, '')}`)) problems.push(`preview style ${css} is not in the package`);
  }
  for (const f of ['dist/webview/table-editor.js', 'media/table-editor.css', 'dist/io.js']) {
    if (!names.has(`extension/${f}`)) problems.push(`${f} is not in the package`);
  }
  if (manifest.l10n && !names.has(`extension/${manifest.l10n.replace(/^\.\//, '')}/bundle.l10n.zh-cn.json`))
    problems.push('l10n/bundle.l10n.zh-cn.json is not in the package');
  if (manifest.icon && !names.has(`extension/${manifest.icon.replace(/^\.\//, '')}`))
    problems.push(`icon ${manifest.icon} is not in the package`);
  return problems;
}

function main() {
  const file = process.argv[2] || newestVsix();
  if (!file) {
    console.error('usage: node scripts/vscode/check-vsix.mjs <file.vsix> (no *.vsix in the repo root)');
    process.exit(2);
  }
  if (!fs.existsSync(file)) {
    console.error(`check-vsix: no such file: ${file}`);
    process.exit(2);
  }
  const buf = fs.readFileSync(file);
  const entries = listZip(buf);
  const pkgEntry = entries.find((e) => e.name === 'extension/package.json');
  const problems = [];
  let manifest = null;
  if (!pkgEntry) problems.push('no extension/package.json');
  else manifest = JSON.parse(readEntry(buf, pkgEntry).toString('utf8'));

  console.log(`${path.relative(process.cwd(), file) || file}: ${entries.length} entries, ${(buf.length / 1024).toFixed(1)} KiB`);
  for (const e of entries) console.log(`  ${String(e.size).padStart(9)}  ${e.name}`);

  const bad = unexpectedEntries(
    entries.map((e) => e.name),
    manifest,
  );
  for (const b of bad) problems.push(`unexpected file in the package: ${b}`);
  if (manifest) problems.push(...missingFiles(manifest, new Set(entries.map((e) => e.name))));
  if (problems.length) {
    for (const p of problems) console.error(`check-vsix: ${p}`);
    console.error(
      `check-vsix: FAIL (${problems.length} problem${problems.length > 1 ? 's' : ''}); fix .vscodeignore or package.json "files"`,
    );
    process.exit(1);
  }
  console.log('check-vsix: OK');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
