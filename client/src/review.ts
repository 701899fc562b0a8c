/**
 * 年报：审阅文件夹… — the review of a folder of reports (issue 17), as `xxgk-report review` runs
 * it: the client forks the bundled CLI (dist/cli.js) with an IPC channel, shows its progress in a
 * cancellable notification (cancel = Ctrl+C: what is done is written), then opens the summary
 * page (审阅结果.html, the same self-contained page) in a webview. The outputs go to
 * `<folder>/审阅结果/`, which the review itself never walks.
 */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exists } from './files';
import { decodeUtf8 } from '../../server/src/encoding';

const t = vscode.l10n.t;

const REVIEW_VIEW_TYPE = 'xxgkReport.reviewResults';
const OUT_NAME = '审阅结果';
const FILES = ['审阅结果.xlsx', '审阅结果.html', '审阅结果.sarif', '审阅结果.json'];

/** Options the command takes from other code and tests (a user gets the dialogs instead). */
export interface ReviewCommandOptions {
  /** Replace earlier outputs without asking. */
  overwrite?: boolean;
  /** Write the outputs here instead of `<folder>/审阅结果/`. */
  outDir?: vscode.Uri | string;
  /** Also write one 审阅意见 per report. */
  opinions?: boolean;
}

export interface ReviewCommandResult {
  outDir: vscode.Uri;
  /** The CLI's exit code: 0 all passed, 1 problems found, 2 nothing reviewable, 130 cancelled. */
  exitCode: number | null;
  totals?: { files: number; pass: number; fail: number; unreviewed: number; duplicate: number };
  cancelled: boolean;
}

interface ProgressMessage {
  type: string;
  phase: 'read' | 'check' | 'write';
  done: number;
  total: number;
}

/** Share of the bar each phase takes. */
const PHASE_SPAN: Record<ProgressMessage['phase'], [number, number]> = { read: [0, 30], check: [30, 95], write: [95, 100] };

function asUri(u: vscode.Uri | string | undefined): vscode.Uri | undefined {
  return typeof u === 'string' ? vscode.Uri.file(u) : u instanceof vscode.Uri ? u : undefined;
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    openLabel: t('Review'),
    title: t('Review the reports in a folder'),
  });
  return picked?.[0];
}

let panel: vscode.WebviewPanel | undefined;

/** The summary page in a webview (one panel, reused): the page's own script sorts and filters. */
async function showPage(page: vscode.Uri, folder: vscode.Uri): Promise<void> {
  const html = decodeUtf8(await vscode.workspace.fs.readFile(page));
  const title = t('Review: {0}', path.basename(folder.fsPath));
  if (!panel) {
    panel = vscode.window.createWebviewPanel(REVIEW_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (panel = undefined));
  } else {
    panel.title = title;
    panel.reveal(vscode.ViewColumn.Active);
  }
  panel.webview.html = html;
}

export function registerReview(context: vscode.ExtensionContext): void {
  const cli = context.asAbsolutePath(path.join('dist', 'cli.js'));
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'xxgkReport.reviewFolder',
      async (target?: vscode.Uri | string, opts: ReviewCommandOptions = {}): Promise<ReviewCommandResult | undefined> => {
        const folder = asUri(target) ?? (await pickFolder());
        if (!folder) return undefined;
        if (folder.scheme !== 'file') {
          void vscode.window.showErrorMessage(t('Only folders on this computer can be reviewed.'));
          return undefined;
        }
        const outDir = asUri(opts.outDir) ?? vscode.Uri.joinPath(folder, OUT_NAME);
        if (!opts.overwrite) {
          const taken = await Promise.all(FILES.map((f) => exists(vscode.Uri.joinPath(outDir, f))));
          if (taken.some(Boolean)) {
            const replace = t('Replace');
            const answer = await vscode.window.showWarningMessage(
              t('{0} already holds review results. Replace them?', outDir.fsPath),
              { modal: true },
              replace,
            );
            if (answer !== replace) return undefined;
          }
        }
        const lang = vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
        const args = ['review', folder.fsPath, '-o', outDir.fsPath, '--force', '--lang', lang, ...(opts.opinions ? ['--opinions'] : [])];
        let cancelled = false;
        let stderr = '';
        const exitCode = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: t('Reviewing {0}', path.basename(folder.fsPath)), cancellable: true },
          (progress, token) =>
            new Promise<number | null>((resolve) => {
              const child = fork(cli, args, { cwd: folder.fsPath, execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
              child.stderr?.on('data', (d: Buffer) => {
                if (stderr.length < 20_000) stderr += d.toString();
              });
              let shown = 0;
              child.on('message', (m: ProgressMessage) => {
                if (m?.type !== 'xxgk-review-progress' || !PHASE_SPAN[m.phase]) return;
                const [from, to] = PHASE_SPAN[m.phase];
                const at = from + (m.total ? ((to - from) * m.done) / m.total : 0);
                const label = m.phase === 'read' ? t('Reading') : m.phase === 'check' ? t('Checking') : t('Writing the results');
                progress.report({
                  increment: Math.max(0, at - shown),
                  message: m.phase === 'write' ? label : `${label} ${m.done}/${m.total}`,
                });
                shown = Math.max(shown, at);
              });
              token.onCancellationRequested(() => {
                cancelled = true;
                child.kill('SIGINT');
              });
              child.on('error', (e) => {
                stderr += e.message;
                resolve(null);
              });
              child.on('exit', (code) => resolve(code));
            }),
        );
        const result: ReviewCommandResult = { outDir, exitCode, cancelled };
        const json = vscode.Uri.joinPath(outDir, '审阅结果.json');
        if (exitCode === null || !(await exists(json))) {
          void vscode.window.showErrorMessage(
            t('The review failed: {0}', stderr.trim().split('\n').slice(-3).join(' ') || String(exitCode)),
          );
          return result;
        }
        try {
          result.totals = (
            JSON.parse(decodeUtf8(await vscode.workspace.fs.readFile(json))) as { totals: ReviewCommandResult['totals'] }
          ).totals;
        } catch {
          /* the page still opens */
        }
        await showPage(vscode.Uri.joinPath(outDir, '审阅结果.html'), folder);
        const s = result.totals;
        if (s) {
          const message = t(
            '{0} file(s) reviewed: {1} pass, {2} fail, {3} not reviewed, {4} duplicate. Results in {5}',
            s.files,
            s.pass,
            s.fail,
            s.unreviewed,
            s.duplicate,
            outDir.fsPath,
          );
          void vscode.window.showInformationMessage(cancelled ? `${t('Cancelled: only what was done is listed.')} ${message}` : message);
        }
        return result;
      },
    ),
  );
}
