/**
 * Generates the files that derive from the template data and the rule modules: snippets, the
 * TextMate injection grammar, the JSON schema of the workspace configuration file, the rule
 * registry (server/src/core/rules/index.ts), the `xxgkReport.rules` setting of package.json
 * with its localised descriptions, and the README's rule table. `npm run generate` writes
 * them; a test checks that the committed files are up to date.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEVERITY_VALUES, CONFIG_FILE_NAME, REPORT_KINDS, type Message, type Rule } from '../server/src/core/index';
import { renderSection, renderSkeleton, renderTable } from '../server/src/core/render';
import { SECTIONS, TABLE3_NOTE } from '../server/src/core/template';
import { registerSchema } from '../server/src/core/register/config';
import { BASE_MARK, REWRITE_MARK } from '../server/src/core/next-year';
import { reviewSchema } from '../server/src/review/config';

const root = join(__dirname, '..');

function snippetBody(lines: string[]): string[] {
  return lines.map((l) => l.replace(/[$}\\]/g, (c) => `\\${c}`));
}

/**
 * The default report year of the skeleton snippet: last year, from VS Code's $CURRENT_YEAR
 * through a regex transform (a snippet cannot do arithmetic, and a year fixed when the
 * snippets are generated would go stale). 2026 → 2025 by its last digit; 2030 → 2029 by its
 * tens digit. Reports are drafted in the months after the year they cover; from October on the
 * insert-template command (which can read the date) offers the current year instead.
 */
export const LAST_YEAR_VARIABLE =
  '${CURRENT_YEAR/^([0-9][0-9][0-9])(?:(1)|(2)|(3)|(4)|(5)|(6)|(7)|(8)|(9))$|^([0-9][0-9])(?:(1)|(2)|(3)|(4)|(5)|(6)|(7)|(8)|(9))0$/' +
  '$1${2:+0}${3:+1}${4:+2}${5:+3}${6:+4}${7:+5}${8:+6}${9:+7}${10:+8}$11${12:+09}${13:+19}${14:+29}${15:+39}${16:+49}${17:+59}${18:+69}${19:+79}${20:+89}/}';

/** Tables in snippets are blank: cell-empty then asks for every figure. */
const blank = { value: () => '' };

export function snippets(): Record<string, { prefix: string[]; body: string[]; description: string }> {
  const out: Record<string, { prefix: string[]; body: string[]; description: string }> = {};
  // Sentinels survive the escaping; then they become the agency and year placeholders.
  const skeleton = snippetBody(renderSkeleton({ agency: '\u0000A', year: '\u0000Y', ...blank }))
    .join('\n')
    .replace('\u0000A', '${1:机关名称}')
    .replace('\u0000Y', () => `\${2:${LAST_YEAR_VARIABLE}}`)
    .replaceAll('\u0000Y', '${2}')
    .split('\n');
  out['年报：完整报告骨架'] = {
    prefix: ['年报', 'nianbao', 'xxgk-report'],
    body: [...skeleton, '$0'],
    description: '政府信息公开工作年度报告的完整骨架：标题、六个部分（含一的五个方面）和三张统计表（国办公开办函〔2021〕30号）',
  };
  const pinyin = ['yi', 'er', 'san', 'si', 'wu', 'liu'];
  for (const s of SECTIONS) {
    out[`年报：${s.numeral}、${s.title}`] = {
      prefix: [`年报${s.numeral}`, `nianbao${pinyin[s.number - 1]}`, `xxgk-section-${s.number}`],
      body: [...snippetBody(renderSection(s.number, blank)), '$0'],
      description: `第${s.numeral}部分的标题${s.table ? '和统计表' : ''}`,
    };
  }
  const tables = [
    ['table2', '二', 'er', '主动公开政府信息情况（第二十条第（一）（五）（六）（八）项）'],
    ['table3', '三', 'san', '收到和处理政府信息公开申请情况（25行×7列，含勾稽关系说明）'],
    ['table4', '四', 'si', '政府信息公开行政复议、行政诉讼情况（15列）'],
  ] as const;
  for (const [id, numeral, py, desc] of tables) {
    out[`年报：表${numeral}`] = {
      prefix: [`表${numeral}`, `biao${py}`, `xxgk-${id}`],
      body: [...snippetBody(renderTable(id, blank)), '$0'],
      description: `表${numeral}：${desc}`,
    };
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function grammar(): object {
  const titles = SECTIONS.flatMap((s) => [s.title, ...s.aliases])
    .filter((v, i, a) => a.indexOf(v) === i)
    .map(escapeRe);
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    scopeName: 'text.xxgk-report.injection',
    injectionSelector: 'L:text.html.markdown',
    patterns: [
      {
        comment: 'Section titles of the annual report, also when written as plain paragraphs (一、总体情况).',
        match: `^\\s{0,3}(#{1,6}\\s+)?(\\*\\*)?((?:[一二三四五六]|[1-6])\\s*[、.．])\\s*(${titles.join('|')})(\\*\\*)?\\s*$`,
        captures: {
          3: { name: 'markup.heading.xxgk-report.section-number entity.name.section.markdown' },
          4: { name: 'markup.heading.xxgk-report.section-title entity.name.section.markdown' },
        },
      },
      {
        comment: 'The balance note of table 三 (勾稽关系).',
        match: `${escapeRe(TABLE3_NOTE).replace(/（/g, '[（(]').replace(/）/g, '[）)]')}`,
        name: 'comment.line.xxgk-report.balance-note markup.italic',
      },
      {
        comment: 'Notes of a next-year draft (xxgk-report new --from): last year’s prose still to rewrite, last year’s base figures.',
        match: `^\\s{0,3}>\\s*(${escapeRe(REWRITE_MARK)}|${escapeRe(BASE_MARK)}).*$`,
        captures: { 1: { name: 'markup.bold.xxgk-report.draft-note' } },
        name: 'markup.changed.xxgk-report.draft-note',
      },
      {
        comment: 'Suppression comments.',
        match: '<!--\\s*年报检查-(?:disable|enable|disable-line|disable-next-line|disable-file)\\b[^>]*-->',
        name: 'comment.block.xxgk-report.directive',
      },
    ],
  };
}

const RULES_DIR = join(root, 'server', 'src', 'core', 'rules');

function isRule(value: unknown): value is Rule {
  const r = value as Partial<Rule> | null;
  return typeof r === 'object' && r !== null && typeof r.code === 'string' && typeof r.check === 'function';
}

/**
 * The rules, found where they live: each module `core/rules/<code>.ts` exporting the Rule of
 * that code (helper modules export none), in catalog order (Rule.catalog). The registry is
 * generated from this, so adding a rule is its module and its page, nothing else by hand.
 */
export function ruleModules(): { file: string; name: string; rule: Rule }[] {
  const found: { file: string; name: string; rule: Rule }[] = [];
  for (const file of readdirSync(RULES_DIR).sort()) {
    if (!file.endsWith('.ts') || file === 'index.ts') continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- which modules hold rules is what is being found out
    const exported = require(join(RULES_DIR, file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (!isRule(value)) continue;
      if (`${value.code}.ts` !== file) throw new Error(`${file} exports the rule ${value.code}: one rule a module, named by its code`);
      if (!Number.isInteger(value.catalog)) throw new Error(`${file}: the rule has no catalog number`);
      found.push({ file: file.slice(0, -3), name, rule: value });
    }
  }
  found.sort((a, b) => a.rule.catalog - b.rule.catalog);
  for (let i = 1; i < found.length; i++)
    if (found[i].rule.catalog === found[i - 1].rule.catalog)
      throw new Error(`${found[i - 1].rule.code} and ${found[i].rule.code} share the catalog number ${found[i].rule.catalog}`);
  return found;
}

const RULES: readonly Rule[] = ruleModules().map((m) => m.rule);

/** server/src/core/rules/index.ts: every rule module, in catalog order. */
export function ruleRegistry(): string {
  const modules = ruleModules();
  return [
    '/**',
    ' * The rule registry, in catalog order (Rule.catalog). Generated by `npm run generate` from the',
    ' * rule modules of this folder (scripts/generate.ts): not edited by hand. A new rule is its module',
    ' * `<code>.ts` and its page `<code>.md` (CONTRIBUTING.md, "Adding a rule").',
    ' */',
    "import type { Rule } from '../rule';",
    ...modules.map((m) => `import { ${m.name} } from './${m.file}';`),
    '',
    'export const RULES: readonly Rule[] = [',
    ...modules.map((m) => `  ${m.name},`),
    '];',
    '',
    'export function ruleByCode(code: string): Rule | undefined {',
    '  return RULES.find((r) => r.code === code);',
    '}',
    '',
  ].join('\n');
}

/**
 * Every rule as a property of the rules setting: a severity, or `{ severity, options }` with the
 * rule's options (core/rule.ts RuleSetting), described by `text` (the schema's Chinese, or the
 * manifest's %keys% of package.nls*.json, keyed by ruleSettingKey). The object form is offered
 * for every rule in the configuration file's schema (as it always was), and in the VS Code
 * setting only for the rules that have options (elsewhere it says no more than the severity).
 */
function ruleSettings(text: (m: Message, key: string) => string, objectForm: 'all' | 'with-options'): Record<string, object> {
  const severity = { type: 'string', enum: [...SEVERITY_VALUES] };
  return Object.fromEntries(
    RULES.map((r) => [
      r.code,
      objectForm === 'with-options' && !r.options
        ? { description: text(withDefault(r), ruleSettingKey(r.code)), ...severity }
        : {
            description: text(withDefault(r), ruleSettingKey(r.code)),
            oneOf: [
              severity,
              {
                type: 'object',
                additionalProperties: false,
                properties: {
                  severity,
                  options: {
                    type: 'object',
                    additionalProperties: false,
                    properties: Object.fromEntries(
                      Object.entries(r.options ?? {}).map(([k, o]) => [
                        k,
                        {
                          type: typeof o.default,
                          default: o.default,
                          ...(o.minimum !== undefined ? { minimum: o.minimum } : {}),
                          description: text(o.description, ruleSettingKey(r.code, k)),
                        },
                      ]),
                    ),
                  },
                },
              },
            ],
          },
    ]),
  );
}

function withDefault(r: Rule): Message {
  return { zh: `${r.description.zh}（默认 ${r.severity}）`, en: `${r.description.en} (default: ${r.severity})` };
}

const RULE_SETTING_PREFIX = 'config.rules.';

function ruleSettingKey(code: string, option?: string): string {
  return `${RULE_SETTING_PREFIX}${code}${option ? `.${option}` : ''}`;
}

/** package.json with the `xxgkReport.rules` setting generated: one property a rule, described in package.nls*.json. */
export function packageJson(text: string): string {
  const manifest = JSON.parse(text) as { contributes: { configuration: { properties: Record<string, object> } } };
  const properties = manifest.contributes.configuration.properties;
  properties['xxgkReport.rules'] = {
    type: 'object',
    default: {},
    markdownDescription: '%config.rules%',
    additionalProperties: false,
    properties: ruleSettings((_, key) => `%${key}%`, 'with-options'),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** A package.nls file with the rules' descriptions (after config.rules), the other strings as they are. */
export function packageNls(text: string, locale: 'zh' | 'en'): string {
  const strings = JSON.parse(text) as Record<string, string>;
  const generated: [string, string][] = RULES.flatMap((r) => [
    [ruleSettingKey(r.code), withDefault(r)[locale]] as [string, string],
    ...Object.entries(r.options ?? {}).map(([k, o]) => [ruleSettingKey(r.code, k), o.description[locale]] as [string, string]),
  ]);
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(strings)) {
    if (key.startsWith(RULE_SETTING_PREFIX)) continue;
    out.push([key, value]);
    if (key === 'config.rules') out.push(...generated);
  }
  return `${JSON.stringify(Object.fromEntries(out), null, 2)}\n`;
}

export function schema(): object {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${CONFIG_FILE_NAME}：政府信息公开年报助手的工作区配置`,
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: '按规则调整级别或关闭（off）',
        additionalProperties: false,
        properties: ruleSettings((m) => m.zh, 'all'),
      },
      reportKind: {
        type: 'string',
        enum: [...REPORT_KINDS],
        description: '报告类别，覆盖根据机关名称的推断：government 人民政府本级，department 部门，township 乡镇/街道',
      },
      include: { type: 'array', items: { type: 'string' }, description: '即使不像年报也要检查的 Markdown 文件（glob）' },
      register: registerSchema(),
      review: reviewSchema(),
    },
  };
}

const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '警告', information: '提示', hint: '提示' };

/** The README's rule table, between its markers. */
export function readmeWithRules(readme: string): string {
  const rows = RULES.map(
    (r) =>
      `| [\`${r.code}\`](server/src/core/rules/${r.code}.md) | ${SEVERITY_ZH[r.severity]} | ${r.tags.map((t) => `\`${t}\``).join(' ')} | ${r.description.zh} |`,
  );
  const table = ['| 代码 | 默认级别 | 标签 | 检查什么 |', '|---|---|---|---|', ...rows].join('\n');
  return readme.replace(/<!-- rules:start -->[\s\S]*<!-- rules:end -->/, `<!-- rules:start -->\n${table}\n<!-- rules:end -->`);
}

/** The benchmark's tables and verdicts from bench/RESULTS.md, between the README's markers. */
export function readmeWithBench(readme: string): string {
  let results: string;
  try {
    results = readFileSync(join(root, 'bench', 'RESULTS.md'), 'utf8');
  } catch {
    return readme;
  }
  // Runs of table rows and verdict lines, each with the title line just above it (ending in ':'),
  // separated by blank lines so that every table stays a table.
  const lines = results.split('\n');
  const kept = (l: string) => l.startsWith('|') || /^- (PASS|FAIL)/.test(l) || /^Written by/.test(l);
  const runs: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!kept(lines[i])) continue;
    if (i > 0 && kept(lines[i - 1])) {
      runs[runs.length - 1].push(lines[i]);
      continue;
    }
    let j = i - 1;
    while (j >= 0 && lines[j].trim() === '') j--;
    const title = j >= 0 && /:$/.test(lines[j]) && lines[j].startsWith('|') === false && !/^- /.test(lines[j]) ? [lines[j]] : [];
    runs.push([...title, ...(title.length ? [''] : []), lines[i]]);
  }
  return readme.replace(
    /<!-- bench:start -->[\s\S]*<!-- bench:end -->/,
    `<!-- bench:start -->\n${runs.map((r) => r.join('\n')).join('\n\n')}\n<!-- bench:end -->`,
  );
}

export function generatedFiles(): Record<string, string> {
  const read = (file: string) => readFileSync(join(root, file), 'utf8');
  return {
    'server/src/core/rules/index.ts': ruleRegistry(),
    'package.json': packageJson(read('package.json')),
    'package.nls.json': packageNls(read('package.nls.json'), 'en'),
    'package.nls.zh-cn.json': packageNls(read('package.nls.zh-cn.json'), 'zh'),
    'README.md': readmeWithBench(readmeWithRules(readFileSync(join(root, 'README.md'), 'utf8'))),
    'snippets/markdown.json': `${JSON.stringify(snippets(), null, 2)}\n`,
    'syntaxes/xxgk-report.injection.tmLanguage.json': `${JSON.stringify(grammar(), null, 2)}\n`,
    'schemas/xxgk-report.schema.json': `${JSON.stringify(schema(), null, 2)}\n`,
  };
}

if (process.argv[1] && /generate\.ts$/.test(process.argv[1])) {
  for (const [file, text] of Object.entries(generatedFiles())) {
    writeFileSync(join(root, file), text);
    console.log(`wrote ${file}`);
  }
}
