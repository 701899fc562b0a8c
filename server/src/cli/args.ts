/** Command-line arguments: the global options, the options a command declares, `--` ends options. */
import type { Locale } from '../core/index';

export interface Args {
  command?: string;
  paths: string[];
  format: 'text' | 'json';
  lang: Locale;
  config?: string;
  color: boolean;
  /** Options a command declared (see Command.options), by name without the dashes. */
  options: Record<string, string | true>;
}

/** A command's own options: 'value' takes an argument (`--out FILE` or `--out=FILE`), 'flag' none. */
export type OptionSpec = Record<string, 'value' | 'flag'>;

/** The parsed arguments, or a message saying what is wrong. `specOf` gives the options of a command. */
export function parseArgs(argv: string[], specOf: (command: string | undefined) => OptionSpec | undefined, isTTY = false): Args | string {
  const args: Args = { paths: [], format: 'text', lang: 'zh', color: isTTY && !process.env.NO_COLOR, options: {} };
  let rest = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (rest || a === '-' || !a.startsWith('-')) {
      if (!args.command) args.command = a;
      else args.paths.push(a);
      continue;
    }
    if (a === '--') {
      rest = true;
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (eq > 0 ? a.slice(eq + 1) : argv[++i]);
    // A command may declare its own --format (tally: md|json); otherwise it is the global text|json.
    if (name === '--format' && !specOf(args.command)?.format) {
      const v = value();
      if (v === undefined) return '--format 需要一个值';
      if (v !== 'text' && v !== 'json') return `--format 只能是 text 或 json：${v}`;
      args.format = v;
    } else if (name === '--lang') {
      const v = value();
      if (v === undefined) return '--lang 需要一个值';
      if (v !== 'zh' && v !== 'en') return `--lang 只能是 zh 或 en：${v}`;
      args.lang = v;
    } else if (name === '--config') {
      const v = value();
      if (v === undefined) return '--config 需要一个值';
      args.config = v;
    } else if (name === '--no-color') {
      args.color = false;
    } else if (name === '-h' || name === '--help') {
      args.command = 'help';
    } else {
      const spec = specOf(args.command)?.[name.replace(/^--?/, '')];
      if (!spec) return `未知选项：${a}`;
      if (spec === 'flag') {
        args.options[name.replace(/^--?/, '')] = true;
        continue;
      }
      const v = value();
      if (v === undefined) return `${name} 需要一个值`;
      args.options[name.replace(/^--?/, '')] = v;
    }
  }
  return args;
}
