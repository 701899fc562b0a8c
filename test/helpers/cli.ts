/** The CLI run in this process (so coverage sees it), its output captured; optionally in another folder. */
import { main } from '../../server/src/cli';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(argv: string[], cwd?: string): Promise<CliRun> {
  let out = '';
  let err = '';
  const previous = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
    return { code, out, err };
  } finally {
    if (cwd) process.chdir(previous);
  }
}
