/**
 * 审阅结果.sarif: SARIF 2.1.0, one run. Rules carry their description, their page as help
 * (text and Markdown) and its URI; results carry physical locations in the file reviewed. For a
 * Word file, web page or text imported in memory, the lines and columns are those of the imported
 * draft, and the artifact location says so.
 */
import { pathToFileURL } from 'node:url';
import { relative, resolve, sep } from 'node:path';
import type * as Sarif from 'sarif';
import type { FindingRow, ReportRecord } from '../types';
import { TOOL_NAME, TOOL_VERSION, catalog, rulePage, rulePageText, summaryByIndex } from './common';
import type { OutputContext, Sink } from './index';

const LEVEL: Record<FindingRow['severity'], Sarif.Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A path relative to the working directory, as a URI reference (each segment percent-encoded). */
function uriOf(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  if (rel.startsWith('..') || resolve(rel) === rel) return pathToFileURL(resolve(file)).toString();
  return rel.split(sep).map(encodeURIComponent).join('/');
}

/** Any file but Markdown was imported in memory: its places are in the imported draft. */
function location(
  file: string,
  place: Partial<Pick<FindingRow, 'line' | 'column' | 'endLine' | 'endColumn'>>,
  lang: 'zh' | 'en',
): Sarif.PhysicalLocation {
  const imported = !/\.(?:md|markdown)$/i.test(file);
  const uri = uriOf(file);
  const artifactLocation: Sarif.ArtifactLocation = uri.startsWith('file:') ? { uri } : { uri, uriBaseId: 'SRCROOT' };
  if (imported)
    artifactLocation.description = {
      text:
        lang === 'en'
          ? 'Imported in memory: lines and columns refer to the imported Markdown draft, not to the original file'
          : '已在内存中导入：行列指导入后的 Markdown 草稿，不是原文件中的位置',
    };
  const out: Sarif.PhysicalLocation = { artifactLocation };
  if (place.line) {
    const region: Sarif.Region = { startLine: place.line, startColumn: place.column ?? 1 };
    if (place.endLine) region.endLine = place.endLine;
    if (place.endColumn) region.endColumn = place.endColumn;
    out.region = region;
  }
  return out;
}

function sarifRules(lang: 'zh' | 'en'): Sarif.ReportingDescriptor[] {
  return catalog().map((c) => {
    const page = rulePage(c.code);
    const text = rulePageText(c.code);
    const d: Sarif.ReportingDescriptor = {
      id: c.code,
      shortDescription: { text: c.description[lang] },
      fullDescription: { text: `${c.description.zh} / ${c.description.en}` },
      help: { text: text ?? c.description[lang], ...(text ? { markdown: text } : {}) },
      defaultConfiguration: { level: LEVEL[c.severity] },
      properties: { tags: [...c.tags] },
    };
    if (page) d.helpUri = page.uri;
    return d;
  });
}

function result(f: FindingRow, r: ReportRecord, ruleIndex: Map<string, number>, lang: 'zh' | 'en'): Sarif.Result {
  const res: Sarif.Result = {
    ruleId: f.code,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: location(r.file, f, lang) }],
    properties: { unit: r.unit ?? null, year: r.year ?? null, status: r.status },
  };
  const index = ruleIndex.get(f.code);
  if (index !== undefined) res.ruleIndex = index;
  if (f.related?.length)
    res.relatedLocations = f.related.map((x, id) => ({
      id,
      message: { text: x.message },
      physicalLocation: location(x.file ?? r.file, x, lang),
    }));
  return res;
}

export function writeSarif(ctx: OutputContext, sink: Sink): void {
  const rules = sarifRules(ctx.lang);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const run: Sarif.Run = {
    tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, rules } },
    originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(process.cwd()).toString().replace(/\/?$/, '/')}` } },
    columnKind: 'utf16CodeUnits',
    invocations: [
      {
        executionSuccessful: !ctx.interrupted,
        ...(ctx.interrupted
          ? {
              toolExecutionNotifications: [
                { level: 'warning', message: { text: ctx.lang === 'en' ? 'The review was interrupted' : '审阅已中断，结果不完整' } },
              ],
            }
          : {}),
      },
    ],
    properties: { settings: ctx.settings, ranked: ctx.ranked },
    results: [],
  };
  const log: Sarif.Log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
  // The results are streamed into the empty array, one record at a time.
  const text = JSON.stringify(log, null, 2);
  const marker = '"results": []';
  const at = text.lastIndexOf(marker);
  sink.write(`${text.slice(0, at)}"results": [`);
  const byIndex = summaryByIndex(ctx.summaries);
  let first = true;
  for (const r of ctx.records()) {
    if (!byIndex.has(r.index)) continue;
    for (const f of r.findings) {
      sink.write(`${first ? '' : ','}\n        ${JSON.stringify(result(f, r, ruleIndex, ctx.lang))}`);
      first = false;
    }
  }
  sink.write(`${first ? '' : '\n      '}]${text.slice(at + marker.length)}`);
}
