/**
 * xxgk-report: the command-line checker over the same report service as the language server.
 * Each command lives in server/src/cli/<command>.ts; adding one is one line in COMMANDS.
 *
 * Exit codes: 0 no error found; 1 an error found; 2 a usage or I/O problem (the other files are still checked).
 */
import { type Args, type OptionSpec, parseArgs } from './cli/args';
import { check } from './cli/check';
import { type CliIO, stdio } from './cli/common';
import { fix } from './cli/fix';
import { format } from './cli/format';
import { newReport } from './cli/new';
import { exportCommand } from './cli/export';
import { importCommand } from './cli/import';
import { rules } from './cli/rules';
import { tally } from './cli/tally';
import { reviewCommand } from './cli/review';

export interface Command {
  /** One usage line (Chinese, as the rest of the help). */
  usage: string;
  /** The command's own options (beyond --format, --lang, --config, --no-color). */
  options?: OptionSpec;
  run(args: Args, io: CliIO, usage: string): number | Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  check: { usage: 'check <文件或目录>... [--format text|json] [--lang zh|en] [--config 配置文件]', run: check },
  fix: { usage: 'fix <文件>        输出应用全部安全修复后的文本（不写文件）', run: fix },
  rules: { usage: 'rules             列出全部规则', run: rules },
  import: {
    usage: 'import <文件>... [-o 草稿.md | --out-dir 目录] [--force]   把 .docx/.pdf/.html/.txt 导入为 Markdown 草稿',
    options: { o: 'value', out: 'value', 'out-dir': 'value', force: 'flag' },
    run: importCommand,
  },
  export: {
    usage:
      'export <草稿.md> --to docx|html [-o 输出文件] [--force [--replace-foreign]] [--strict]   导出为 Word 或网页（默认写到草稿旁的“X（导出）.docx”，从不覆盖别人的文件）',
    options: { to: 'value', o: 'value', out: 'value', force: 'flag', 'replace-foreign': 'flag', strict: 'flag' },
    run: exportCommand,
  },
  format: {
    usage:
      'format <文件> [--check] [--ambiguous-width 1|2] [--max-width 120]   对齐统计表，表格行不超过原宽度或 --max-width 列（输出到标准输出；--check 需要对齐时退出码为 1）',
    options: { check: 'flag', 'ambiguous-width': 'value', 'max-width': 'value' },
    run: format,
  },
  new: {
    usage:
      'new --from <上年报告.md> [--skeleton] [-o 输出文件] [--force] | new [--agency 机关名称] [--year 年份]   新建下一年度报告或空白骨架',
    options: { from: 'value', skeleton: 'flag', agency: 'value', year: 'value', o: 'value', out: 'value', force: 'flag' },
    run: newReport,
  },
  tally: {
    usage:
      'tally <台账.xlsx|.xls|.csv> --year 年份 [-o 输出文件] [--format md|json] [--map 列映射.json] [--sheet 工作表] [--check 草稿.md] [--force]   由依申请公开台账统计表三',
    options: { year: 'value', o: 'value', out: 'value', format: 'value', map: 'value', sheet: 'value', check: 'value', force: 'flag' },
    run: tally,
  },
  review: {
    usage:
      'review <目录或文件>... [-o 输出目录] [--jobs N] [--previous 上年报告目录] [--format json|sarif] [--opinions] [--force]   批量审阅（汇总表、网页、SARIF、JSON）',
    options: {
      o: 'value',
      out: 'value',
      jobs: 'value',
      previous: 'value',
      format: 'value',
      opinions: 'flag',
      force: 'flag',
      timeout: 'value',
    },
    run: reviewCommand,
  },
};

const USAGE = `用法 / usage:
${Object.values(COMMANDS)
  .map((c) => `  xxgk-report ${c.usage}`)
  .join('\n')}
  （-- 之后的参数都是文件名）
退出码：0 无错误；1 发现错误；2 用法或读写问题`;

export async function main(argv: string[], io: CliIO = stdio, isTTY = false): Promise<number> {
  const args = parseArgs(argv, (c) => (c ? COMMANDS[c]?.options : undefined), isTTY);
  if (typeof args === 'string') {
    io.err(`${args}\n${USAGE}\n`);
    return 2;
  }
  if (args.command === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const command = args.command ? COMMANDS[args.command] : undefined;
  if (!command) {
    io.err(`${args.command ? `未知命令：${args.command}\n` : ''}${USAGE}\n`);
    return 2;
  }
  try {
    return await command.run(args, io, USAGE);
  } catch (e) {
    io.err(`xxgk-report 内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 2;
  }
}

/**
 * Runs as the program: exit code in process.exitCode, output through stdout and stderr.
 * dist/cli.js calls it after loading this bundle through the code cache (boot/cli.ts).
 */
export function runAsProgram(argv: string[]): void {
  // `check … | head -1`: the reader went away; stop quietly, without a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      else throw e;
    });
  }
  main(argv, stdio, !!process.stdout.isTTY).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`xxgk-report 内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}

// Run when this bundle is the program itself (node dist/cli-main.js), not when a test imports main.
if (require.main === module) runAsProgram(process.argv.slice(2));
