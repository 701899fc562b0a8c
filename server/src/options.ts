/**
 * The one options resolver of the server and the CLI: editor settings (VS Code's
 * `xxgkReport.*`, or `initializationOptions.settings` / didChangeConfiguration from other
 * clients), the workspace file `.xxgk-report.json` (JSONC) and the defaults. Every value is
 * validated where it enters: a bad one is ignored with a warning naming it and the default used.
 *
 * `include` globs (picomatch) are relative: a setting's to the workspace folder, a file's to
 * the folder of the file. `*.md` matches only at that level, `**\/*.md` at any depth; a glob
 * starting with `/` is matched against the absolute path.
 */
import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
// The ESM build: esbuild cannot follow the UMD build's dynamic requires.
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import type * as Picomatch from 'picomatch';
import type { AnalysisOptions, Locale, WorkspaceConfig } from './core/index';
import { core } from './core-loader';
import { decodeBytes } from './encoding';
import { DEFAULT_MAX_BYTES, readFileBytes } from './input';
import type { RegisterConfig } from './core/register/types';
import { REVIEW_CODES } from './review/codes';
import { validateReviewSettings, type ReviewSettings } from './review/config';

/** A configuration file is a few hundred bytes; past this it is not one. */
const CONFIG_MAX_BYTES = 1024 * 1024;
import type { ConfigProblem, ServiceConfig } from './service/types';

/** From the core (loaded lazily: options are resolved only after initialize). */
const reportKinds = (): readonly string[] => core().REPORT_KINDS;
export const configFileName = (): string => core().CONFIG_FILE_NAME;

/** Validated editor settings. */
export interface Settings {
  rules?: AnalysisOptions['rules'];
  include: string[];
  reportKind?: AnalysisOptions['reportKind'];
  maxDocumentSize: number;
  /** xxgkReport.format.ambiguousWidth: 1 (default) or 2 columns for “ ” ① when aligning tables. */
  ambiguousWidth?: 1 | 2;
  /** xxgkReport.format.maxWidth: display columns a formatted table line may take (default 120). */
  maxWidth?: number;
  /** xxgkReport.register: the request register, relative to the workspace folder. */
  register?: string;
}

/** A register to check drafts against: its absolute path and how to read it. */
export interface RegisterSource {
  path: string;
  config: RegisterConfig;
}

/** The range a maximum table width may take (a narrower or wider setting is refused with a warning). */
export const MAX_WIDTH_RANGE = { min: 20, max: 1000 } as const;

const DEFAULT_SETTINGS: Settings = { include: [], maxDocumentSize: DEFAULT_MAX_BYTES };

const show = (v: unknown): string => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

/** A report kind of the core's list (REPORT_KINDS), as the type the settings hold. */
function isReportKind(v: unknown): v is NonNullable<Settings['reportKind']> {
  return typeof v === 'string' && reportKinds().includes(v);
}

/** Whether a setting was given at all (null is how some clients say "not set"). */
const given = (v: unknown): boolean => v !== undefined && v !== null;

/** One setting's check: its value from `o` into `out`, or one sentence to `warn` naming the default kept. */
type SettingCheck = (o: Record<string, unknown>, out: Settings, warn: (message: string) => void, where: string) => void;

/** A key of the `format` settings: VS Code passes nested keys as an object ({ format: { ambiguousWidth } }); other clients may use the dotted key. */
function formatSetting(o: Record<string, unknown>, key: string): unknown {
  return o.format && typeof o.format === 'object' ? (o.format as Record<string, unknown>)[key] : o[`format.${key}`];
}

const SETTING_CHECKS: readonly SettingCheck[] = [
  (o, out, warn, where) => {
    if (!given(o.rules)) return;
    const problems: string[] = [];
    out.rules = core().validateRules(o.rules, problems);
    for (const p of problems) warn(`设置 ${where}.rules：${p}`);
  },
  (o, out, warn, where) => {
    if (!given(o.include)) return;
    if (!Array.isArray(o.include)) {
      warn(`设置 ${where}.include 的值 ${show(o.include)} 无效（应为字符串数组），使用默认值 []`);
      return;
    }
    for (const g of o.include as unknown[]) {
      if (typeof g === 'string' && g.trim()) out.include.push(g);
      else warn(`设置 ${where}.include 中的 ${show(g)} 不是 glob 字符串，已忽略`);
    }
  },
  (o, out, warn, where) => {
    if (!given(o.reportKind) || o.reportKind === 'auto') return;
    if (isReportKind(o.reportKind)) out.reportKind = o.reportKind;
    else warn(`设置 ${where}.reportKind 的值 ${show(o.reportKind)} 无效（可选 auto / ${reportKinds().join(' / ')}），使用默认值 auto`);
  },
  (o, out, warn, where) => {
    const v = o.maxDocumentSize;
    if (!given(v)) return;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 1) out.maxDocumentSize = Math.floor(v);
    else warn(`设置 ${where}.maxDocumentSize 的值 ${show(v)} 无效（应为正数，单位字节），使用默认值 ${DEFAULT_MAX_BYTES}`);
  },
  (o, out, warn, where) => {
    const fmt = formatSetting(o, 'ambiguousWidth');
    if (!given(fmt)) return;
    if (fmt === 1 || fmt === 2) out.ambiguousWidth = fmt;
    else warn(`设置 ${where}.format.ambiguousWidth 的值 ${show(fmt)} 无效（可选 1 或 2），使用默认值 1`);
  },
  (o, out, warn, where) => {
    const width = formatSetting(o, 'maxWidth');
    if (!given(width)) return;
    const { min, max } = MAX_WIDTH_RANGE;
    if (typeof width === 'number' && Number.isInteger(width) && width >= min && width <= max) out.maxWidth = width;
    else warn(`设置 ${where}.format.maxWidth 的值 ${show(width)} 无效（应为 ${min} 到 ${max} 的整数），使用默认值 120`);
  },
  (o, out, warn, where) => {
    if (!given(o.register) || o.register === '') return;
    if (typeof o.register === 'string' && o.register.trim()) out.register = o.register;
    else warn(`设置 ${where}.register 的值 ${show(o.register)} 无效（应为台账文件的路径），已忽略`);
  },
];

/** Validates settings from any client; `warn` gets one sentence per bad value, naming the default used. */
export function validateSettings(raw: unknown, warn: (message: string) => void, where = 'xxgkReport'): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS, include: [] };
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn(`设置 ${where} 的值 ${show(raw)} 无效（应为对象），使用默认设置`);
    return out;
  }
  for (const check of SETTING_CHECKS) check(raw as Record<string, unknown>, out, warn, where);
  return out;
}

export interface LoadedConfig {
  path: string;
  config: WorkspaceConfig;
  /** Values left out (each sentence names the value and the default used). */
  warnings: string[];
  /** `review`: the copied-text threshold and the scoring table of `xxgk-report review` (defaults when absent). */
  review?: ReviewSettings;
  /** The file could not be read or parsed at all. */
  error?: string;
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

/** Parses the text of a `.xxgk-report.json` (comments and trailing commas allowed). */
export function parseConfigText(text: string, path: string): LoadedConfig {
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text.replace(/^\ufeff/, ''), errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const e = errors[0];
    return {
      path,
      config: {},
      warnings: [],
      error: `不是有效的 JSON（${lineCol(text, e.offset)}：${printParseErrorCode(e.error)}），整个文件未采用`,
    };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { path, config: {}, warnings: [], error: '应为一个 JSON 对象，整个文件未采用' };
  const warnings: string[] = [];
  const o = raw as Record<string, unknown>;
  const config: WorkspaceConfig = {};
  if (o.rules !== undefined) {
    const rules = core().validateRules(o.rules, warnings);
    if (rules) config.rules = rules;
  }
  if (o.reportKind !== undefined) {
    if (isReportKind(o.reportKind)) config.reportKind = o.reportKind;
    else warnings.push(`reportKind 的值 ${show(o.reportKind)} 无效（可选 ${reportKinds().join(' / ')}），按机关名称推断`);
  }
  if (o.include !== undefined) {
    if (Array.isArray(o.include)) {
      const globs = o.include.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
      if (globs.length !== o.include.length)
        warnings.push(`include 中不是字符串的项已忽略：${show(o.include.filter((g) => typeof g !== 'string' || !g.trim()))}`);
      config.include = globs;
    } else {
      warnings.push(`include 的值 ${show(o.include)} 无效（应为字符串数组），使用默认值 []`);
    }
  }
  if (o.register !== undefined) {
    const register = core().validateRegisterSetting(o.register, warnings);
    if (register) config.register = register;
  }
  let review: ReviewSettings | undefined;
  if (o.review !== undefined) review = validateReviewSettings(o.review, warnings, isScoringKey);
  for (const k of Object.keys(o))
    if (!['rules', 'reportKind', 'include', 'register', 'review', '$schema'].includes(k)) warnings.push(`未知的配置项 ${k}（已忽略）`);
  return { path, config, warnings, ...(review ? { review } : {}) };
}

/** A key of review.scoring.rules: a rule's code (the core's or the review's own), or `tag:<tag>`. */
function isScoringKey(key: string): boolean {
  if (key.startsWith('tag:')) return ([...core().RULE_TAGS, 'review'] as string[]).includes(key.slice(4));
  return core().RULES.some((r) => r.code === key) || REVIEW_CODES.some((c) => c.code === key);
}

/** Reads and parses a config file; a missing, unreadable or non-regular file is an error naming the reason. */
function loadConfigFile(path: string): LoadedConfig {
  try {
    // The one reader: regular files only, size first (a config file is small).
    const r = readFileBytes(path, CONFIG_MAX_BYTES, path);
    if (!r.bytes) {
      const why = r.error ?? '';
      const error = why.startsWith('找不到文件')
        ? '文件不存在'
        : why.includes('不是普通文件')
          ? '不是普通文件'
          : why.includes('上限')
            ? `文件过大（超过 ${CONFIG_MAX_BYTES / 1024 / 1024} MB）`
            : `无法读取（${why.replace(/^无法读取 .*?：/, '')}）`;
      return { path, config: {}, warnings: [], error };
    }
    return parseConfigText(decodeBytes(r.bytes).text.replace(/^\ufeff/, ''), path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { path, config: {}, warnings: [], error: code === 'ENOENT' ? '文件不存在' : `无法读取（${code ?? (e as Error).message}）` };
  }
}

/** Whether `path` matches one of `globs`, taken relative to `base`. */
export function matchesGlobs(path: string, globs: readonly string[], base: string | undefined): boolean {
  if (!globs.length) return false;
  // Required here: most runs have no glob to match, and the module's set-up is not free.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point
  const picomatch = require('picomatch') as typeof Picomatch;
  const abs = resolve(path).split(sep).join('/');
  const rel = base ? relative(base, path).split(sep).join('/') : undefined;
  for (const g of globs) {
    const glob = g.replace(/\\/g, '/');
    // A glob picomatch cannot read matches nothing; it never breaks an analysis.
    try {
      if (glob.startsWith('/') || isAbsolute(g)) {
        if (picomatch.isMatch(abs, glob, { dot: true })) return true;
        continue;
      }
      if (rel === undefined || rel === '' || rel.startsWith('../') || rel === '..' || isAbsolute(rel)) continue;
      if (picomatch.isMatch(rel, glob.replace(/^\.\//, ''), { dot: true })) return true;
    } catch {
      /* not a glob */
    }
  }
  return false;
}

function uriPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

export interface OptionsResolverInit {
  locale?: Locale;
  warn: (message: string) => void;
  /** Workspace folders (server): each folder's own `.xxgk-report.json` applies below it. */
  roots?: string[];
  /** CLI: the nearest `.xxgk-report.json` above each file applies, unless `explicitConfig` is given. */
  nearest?: boolean;
  explicitConfig?: string;
}

/**
 * Resolves the options of a document. Settings override the workspace file rule by rule;
 * both override the defaults.
 */
export class OptionsResolver implements ServiceConfig {
  locale: Locale;
  private rawSettings: unknown;
  private validated: Settings | undefined;
  private roots: string[];
  private readonly files = new Map<string, LoadedConfig | undefined>();
  private explicit: LoadedConfig | undefined;

  constructor(private readonly init: OptionsResolverInit) {
    this.locale = init.locale ?? 'zh';
    this.roots = init.roots ?? [];
  }

  /** New raw settings from the client; validated on first use (validation needs the core). */
  setSettings(raw: unknown): void {
    this.rawSettings = raw;
    this.validated = undefined;
  }

  get settings(): Settings {
    return (this.validated ??= validateSettings(this.rawSettings, this.init.warn));
  }

  get maxDocumentBytes(): number {
    return this.settings.maxDocumentSize;
  }

  get ambiguousWidth(): 1 | 2 {
    return this.settings.ambiguousWidth ?? 1;
  }

  get formatMaxWidth(): number | undefined {
    return this.settings.maxWidth;
  }

  setRoots(roots: string[]): void {
    this.roots = [...roots];
    this.reload();
  }

  /** Forget the files read (one changed on disk). */
  reload(): void {
    this.files.clear();
    this.explicit = undefined;
  }

  /** The explicit --config file (CLI), loaded once. */
  explicitConfig(): LoadedConfig | undefined {
    if (!this.init.explicitConfig) return undefined;
    // Its error is the caller's to report (the CLI stops with exit 2).
    return (this.explicit ??= this.loadReported(resolve(this.init.explicitConfig), false));
  }

  private loadReported(path: string, logError: boolean): LoadedConfig {
    const c = loadConfigFile(path);
    for (const w of c.warnings) this.init.warn(`${path}：${w}`);
    if (c.error && logError) this.init.warn(`${path}：${c.error}`);
    return c;
  }

  private fileIn(dir: string): LoadedConfig | undefined {
    if (this.files.has(dir)) return this.files.get(dir);
    const path = join(dir, configFileName());
    let found: LoadedConfig | undefined;
    // A broken file below a workspace folder is logged here and shown as a diagnostic (problemsFor);
    // the CLI reports it once per file as a problem.
    try {
      statSync(path);
      found = this.loadReported(path, !this.init.nearest);
    } catch {
      found = undefined;
    }
    this.files.set(dir, found);
    return found;
  }

  /** The config file that applies to a path (and the folder its include globs are relative to). */
  configFor(path: string | undefined): LoadedConfig | undefined {
    const explicit = this.explicitConfig();
    if (explicit) return explicit;
    if (!path) return undefined;
    if (this.init.nearest) {
      let dir = dirname(resolve(path));
      for (;;) {
        const c = this.fileIn(dir);
        if (c) return c;
        const parent = dirname(dir);
        if (parent === dir) return undefined;
        dir = parent;
      }
    }
    const root = this.rootOf(path);
    return root ? this.fileIn(root) : undefined;
  }

  private rootOf(path: string): string | undefined {
    return this.roots.filter((r) => within(path, r)).sort((a, b) => b.length - a.length)[0];
  }

  optionsFor(uri: string): AnalysisOptions {
    const path = uriPath(uri) ?? (isAbsolute(uri) ? uri : undefined);
    const file = this.configFor(path);
    const settings = this.settings;
    const options = core().mergeOptions(file?.error ? undefined : file?.config, { rules: settings.rules }, { locale: this.locale });
    if (settings.reportKind) options.reportKind = settings.reportKind;
    if (path) {
      const root = this.rootOf(path);
      if (
        matchesGlobs(path, settings.include, root) ||
        (file && !file.error && matchesGlobs(path, file.config.include ?? [], dirname(file.path)))
      ) {
        options.forceReport = true;
      }
    }
    return options;
  }

  /**
   * The request register that applies to a document: the setting (relative to its workspace
   * folder) or the config file's `register` (relative to that file); the file's column and
   * wording mappings apply either way.
   */
  registerFor(uri: string): RegisterSource | undefined {
    const path = uriPath(uri) ?? (isAbsolute(uri) ? uri : undefined);
    const file = this.configFor(path);
    const fromFile = file && !file.error ? file.config.register : undefined;
    const setting = this.settings.register;
    const root = path ? this.rootOf(path) : undefined;
    if (setting) {
      const base = root ?? (file ? dirname(file.path) : undefined);
      if (!isAbsolute(setting) && !base) return undefined;
      return { path: resolve(base ?? '/', setting), config: fromFile?.config ?? {} };
    }
    if (fromFile?.path) return { path: resolve(dirname(file!.path), fromFile.path), config: fromFile.config };
    return undefined;
  }

  problemsFor(uri: string): ConfigProblem[] {
    const file = this.configFor(uriPath(uri) ?? (isAbsolute(uri) ? uri : undefined));
    return file?.error ? [{ source: file.path, message: file.error }] : [];
  }
}
