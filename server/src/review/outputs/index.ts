/**
 * The review's outputs, each written from the records one at a time (never all documents in
 * memory): 审阅结果.xlsx, .html, .sarif, .json in the output folder, and with --opinions one
 * 审阅意见 per report. Each file is written under a temporary name and renamed when complete,
 * so an interrupted run never leaves half a workbook under the real name.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ReviewSettings } from '../config';
import type { ReportRecord, ReportSummary } from '../types';
import { writeHtml } from './html';
import { writeJson } from './json';
import { writeOpinions } from './opinions';
import { writeSarif } from './sarif';
import { writeXlsx } from './xlsx';

export const OUTPUT_FILES = {
  xlsx: '审阅结果.xlsx',
  html: '审阅结果.html',
  sarif: '审阅结果.sarif',
  json: '审阅结果.json',
} as const;

export interface OutputContext {
  lang: 'zh' | 'en';
  settings: ReviewSettings;
  /** One per row, in batch order (small; kept in memory). */
  summaries: ReportSummary[];
  /** The records in batch order, read back one at a time; each call starts again. */
  records: () => Iterable<ReportRecord>;
  interrupted: boolean;
  generated: Date;
  inputs: string[];
  previous: string[];
  /** Enough scored reports for a ranking column. */
  ranked: boolean;
}

export interface Sink {
  write(text: string): void;
}

/** Writes text to a file in chunks of about 64 KB. */
export class FileSink implements Sink {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size > 32_768) this.flush();
  }

  private flush(): void {
    if (!this.buffer.length) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export interface WriteOptions {
  opinions: boolean;
  force: boolean;
  /** Instead of files: the JSON or SARIF document to this sink. */
  stdout?: { format: 'json' | 'sarif'; write: (text: string) => void };
}

export async function writeOutputs(
  ctx: OutputContext,
  outDir: string | undefined,
  opts: WriteOptions,
  rename: (from: string, to: string) => void,
): Promise<{ written: string[]; problems: string[] }> {
  const written: string[] = [];
  const problems: string[] = [];
  if (opts.stdout) {
    const sink = { write: opts.stdout.write };
    if (opts.stdout.format === 'json') writeJson(ctx, sink);
    else writeSarif(ctx, sink);
    return { written, problems };
  }
  if (!outDir) return { written, problems };
  const text = (name: string, write: (sink: Sink) => void) => {
    const target = join(outDir, name);
    const partial = `${target}.part`;
    try {
      const sink = new FileSink(partial);
      try {
        write(sink);
      } finally {
        sink.close();
      }
      rename(partial, target);
      written.push(target);
    } catch (e) {
      problems.push(`无法写入 ${target}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  try {
    const target = join(outDir, OUTPUT_FILES.xlsx);
    await writeXlsx(ctx, `${target}.part`);
    rename(`${target}.part`, target);
    written.push(target);
  } catch (e) {
    problems.push(`无法写入 ${join(outDir, OUTPUT_FILES.xlsx)}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  text(OUTPUT_FILES.html, (sink) => writeHtml(ctx, sink));
  text(OUTPUT_FILES.sarif, (sink) => writeSarif(ctx, sink));
  text(OUTPUT_FILES.json, (sink) => writeJson(ctx, sink));
  if (opts.opinions) {
    const r = writeOpinions(ctx, outDir, opts.force);
    written.push(...r.written);
    problems.push(...r.problems);
  }
  return { written, problems };
}
