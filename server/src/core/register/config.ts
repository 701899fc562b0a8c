/**
 * The register's configuration, validated where it enters (the `register` key of
 * .xxgk-report.json, the CLI's --map file, the setting xxgkReport.register): each bad part is
 * left out with a sentence naming it. The JSON schema of the same shape is generated from here.
 */
import { TABLE3_COLUMNS } from '../template';
import { isAnswerKey } from './answers';
import { COLUMN_SYNONYMS } from './columns';
import type { FieldId, RegisterConfig } from './types';

const FIELDS = Object.keys(COLUMN_SYNONYMS) as FieldId[];
const APPLICANT_IDS = TABLE3_COLUMNS.filter((c) => c.id !== 'total').map((c) => c.id);

/** The register setting: its file (relative to the workspace folder or the config file) and its mapping. */
export interface RegisterSetting {
  path?: string;
  config: RegisterConfig;
}

const show = (v: unknown): string => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

function stringMap(
  value: unknown,
  name: string,
  problems: string[],
  accept: (k: string, v: string) => string | undefined,
): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`register.${name} 应为对象，已忽略`);
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string' || !v.trim()) {
      problems.push(`register.${name} 中 ${k} 的值 ${show(v)} 应为非空字符串，已忽略`);
      continue;
    }
    const why = accept(k, v);
    if (why) problems.push(`register.${name} 中 ${k}：${why}，已忽略`);
    else out[k] = v;
  }
  return out;
}

/** A register setting from JSON: a path string, or { path, sheet, columns, answers, applicants, counting }. */
export function validateRegisterSetting(value: unknown, problems: string[], allowPath = true): RegisterSetting | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    if (!value.trim()) {
      problems.push('register 为空字符串，已忽略');
      return undefined;
    }
    return allowPath ? { path: value, config: {} } : undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`register 的值 ${show(value)} 无效（应为台账文件的路径，或 { "path": …, "columns": { … } }），已忽略`);
    return undefined;
  }
  const o = value as Record<string, unknown>;
  const out: RegisterSetting = { config: {} };
  for (const k of Object.keys(o)) {
    if (!['path', 'sheet', 'columns', 'answers', 'applicants', 'counting', '$schema'].includes(k) || (k === 'path' && !allowPath))
      problems.push(`register 中有未知的项 ${k}（已忽略）`);
  }
  if (allowPath && o.path !== undefined) {
    if (typeof o.path === 'string' && o.path.trim()) out.path = o.path;
    else problems.push(`register.path 的值 ${show(o.path)} 应为文件路径，已忽略`);
  }
  if (o.sheet !== undefined) {
    if (typeof o.sheet === 'string' && o.sheet.trim()) out.config.sheet = o.sheet;
    else problems.push(`register.sheet 的值 ${show(o.sheet)} 应为工作表名称，已忽略`);
  }
  const columns = stringMap(o.columns, 'columns', problems, (k) =>
    FIELDS.includes(k as FieldId) ? undefined : `没有这一项（可用 ${FIELDS.join('、')}）`,
  );
  if (columns) out.config.columns = columns;
  const answers = stringMap(o.answers, 'answers', problems, (_k, v) =>
    isAnswerKey(v) ? undefined : `${show(v)} 不是表三办理结果的行（如 g1、g3.4、g6.3、pending）`,
  );
  if (answers) out.config.answers = answers;
  const applicants = stringMap(o.applicants, 'applicants', problems, (_k, v) =>
    APPLICANT_IDS.includes(v) ? undefined : `${show(v)} 不是表三的列（可用 ${APPLICANT_IDS.join('、')}）`,
  );
  if (applicants) out.config.applicants = applicants;
  if (o.counting !== undefined) {
    const c = o.counting as Record<string, unknown> | null;
    if (c && typeof c === 'object' && !Array.isArray(c) && (c.from === 'received' || c.from === 'completed') && Object.keys(c).length === 1)
      out.config.counting = { from: c.from };
    else problems.push(`register.counting 的值 ${show(o.counting)} 无效（应为 { "from": "received" | "completed" }），使用默认值 received`);
  }
  return out;
}

/** The JSON schema of the `register` key (scripts/generate.ts puts it into schemas/xxgk-report.schema.json). */
export function registerSchema(): object {
  const mapping = {
    type: 'object',
    additionalProperties: false,
    properties: {
      path: { type: 'string', description: '台账文件（.xlsx、.xls、.csv），相对于本配置文件所在目录' },
      sheet: { type: 'string', description: '台账所在的工作表名称（默认自动选择）' },
      columns: {
        type: 'object',
        description: '指定台账的列：写表头文字、列字母（C）或列号（3）',
        additionalProperties: false,
        properties: Object.fromEntries(
          FIELDS.map((f) => [f, { type: 'string', description: `默认识别：${COLUMN_SYNONYMS[f].join('、')}` }]),
        ),
      },
      answers: {
        type: 'object',
        description:
          '补充办理结果的写法 → 表三的行（g1 予以公开、g2 部分公开、g3.1…g3.8、g4.1…g4.3、g5.1…g5.5、g6.1…g6.3；pending 尚未办结）',
        additionalProperties: { type: 'string', pattern: '^(pending|g[1-6]|g3\\.[1-8]|g4\\.[1-3]|g5\\.[1-5]|g6\\.[1-3])$' },
      },
      applicants: {
        type: 'object',
        description: '补充申请人类型的写法 → 表三的列',
        additionalProperties: { type: 'string', enum: APPLICANT_IDS },
      },
      counting: {
        type: 'object',
        additionalProperties: false,
        properties: {
          from: {
            type: 'string',
            enum: ['received', 'completed'],
            default: 'received',
            description: '新收和答复期限从哪天算起：received 收到申请之日；completed 收到补正后申请之日（台账有该列时）',
          },
        },
      },
    },
  };
  return {
    description: '依申请公开台账：规则 register-mismatch 用它核对表三（命令行 xxgk-report tally 也读取这里的列和写法）',
    oneOf: [{ type: 'string', description: '台账文件，相对于本配置文件所在目录' }, mapping],
  };
}
