/** What the CLI commands share: collecting files, reading them as acceptable input, the service over them. */
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Locale } from '../core/index';
import { core } from '../core-loader';
import { readInputFile } from '../input';
import { OptionsResolver } from '../options';
import { createReportService, type ReportService } from '../service/index';
import type { ServiceConfig, ServiceWorkspace } from '../service/types';
import type { Args } from './args';
import { importedInput, isImportPath } from './import';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const stdio: CliIO = {
  out: (t) => {
    process.stdout.write(t);
  },
  err: (t) => {
    process.stderr.write(t);
  },
};

/** How a file is named in the output: relative to the working directory. */
export function shown(path: string): string {
  return relative(process.cwd(), path) || path;
}

/** A file URI back to the name shown (the core speaks URIs; a `%` in a name is escaped there). */
export function shownUri(uri: string): string {
  try {
    return uri.startsWith('file:') ? shown(fileURLToPath(uri)) : uri;
  } catch {
    return uri;
  }
}

export interface Input {
  path: string;
  uri: string;
  text?: string;
  error?: string;
  warning?: string;
}

/** The resolver of the CLI: --config, or the nearest .xxgk-report.json above each file. */
export function cliOptions(args: Args, warn: (m: string) => void): OptionsResolver {
  return new OptionsResolver({ locale: args.lang, warn, nearest: true, explicitConfig: args.config });
}

/** The CLI's report service and the files it was given, read. */
export interface CliSession {
  service: ReportService;
  inputs: Input[];
}

/**
 * Reads the files through the one reader (input.ts) and makes the report service over them;
 * they also serve each other as the other years of the cross-year rules. A file of an import
 * format (io/formats.ts: Word, PDF, web pages, text) is converted by the service in memory and
 * checked as its draft, one at a time (bounded memory), in this thread: a command converts and
 * exits, it does not need the server's worker.
 */
export async function openFiles(files: string[], options: ServiceConfig, lang: Locale = 'zh'): Promise<CliSession> {
  const set = new (core().ReportSet)();
  const workspace: ServiceWorkspace = set;
  // Failures reach the user as notices (stderr, exit 2); the logger's stack traces are for editors' logs.
  const quiet = (): void => undefined;
  const service = createReportService({ workspace, config: options, logger: { log: quiet, warn: quiet }, imports: 'in-process' });
  const inputs: Input[] = [];
  for (const path of files) {
    const input = isImportPath(path)
      ? await importedInput(service, path, lang)
      : { path, uri: pathToFileURL(path).toString(), ...readInputFile(path, options.maxDocumentBytes, path) };
    // Files given together are each other's other years; a file alone has none to look up.
    if (input.text !== undefined && files.length > 1) {
      const text = input.text;
      set.add(input.uri, text.slice(0, 4096), () => text);
    }
    inputs.push(input);
  }
  return { service, inputs };
}

export function documentOf(input: Input, version = 1) {
  const text = input.text ?? '';
  return { uri: input.uri, version, getText: () => text };
}
