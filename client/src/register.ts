/**
 * 年报：从台账生成表三…: picks the request register (.xlsx, .xls, .csv), asks the server to count
 * table 三 from it (xxgkReport/tally), inserts or replaces table 三 of the draft as one edit (one
 * undo step), and lists in an output channel what it could not place, the register checks and
 * the counting basis. The server reads and counts; the client only picks and applies.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { REGISTER_DIALOG_EXTENSIONS, TallyRequest } from '../../server/src/protocol';
import { uiText } from './localize';

const t = vscode.l10n.t;

/** What the command did, for other code and tests. */
export interface TallyOutcome {
  applied: boolean;
  replaced: boolean;
  year: number;
  leftOut: number[];
  problems: string[];
  warnings: string[];
}

export function registerTally(context: vscode.ExtensionContext, client: () => BaseLanguageClient | undefined): void {
  let channel: vscode.OutputChannel | undefined;
  const output = (): vscode.OutputChannel => (channel ??= vscode.window.createOutputChannel(t('Report: request register')));
  context.subscriptions.push(
    { dispose: () => channel?.dispose() },
    vscode.commands.registerCommand(
      'xxgkReport.tallyFromRegister',
      async (source?: vscode.Uri | string): Promise<TallyOutcome | undefined> => {
        const editor = vscode.window.activeTextEditor;
        const c = client();
        if (!editor || editor.document.languageId !== 'markdown' || !c) {
          void vscode.window.showInformationMessage(t('Open a report draft (Markdown) first.'));
          return undefined;
        }
        let register = typeof source === 'string' ? vscode.Uri.parse(source) : source instanceof vscode.Uri ? source : undefined;
        if (!register) {
          const picked = await vscode.window.showOpenDialog({
            canSelectMany: false,
            openLabel: t('Count table 3'),
            title: t('Pick the request register (one row per application)'),
            filters: { [t('Spreadsheet or CSV')]: [...REGISTER_DIALOG_EXTENSIONS] },
          });
          register = picked?.[0];
        }
        if (!register) return undefined;
        const doc = editor.document;
        const picked = register;
        const r = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: t('Counting table 3 from {0}…', picked.path.split('/').pop() ?? '') },
          () =>
            c.sendRequest(TallyRequest, {
              uri: doc.uri.toString(),
              register: picked.toString(),
              line: editor.selection.active.line,
            }),
        );
        if (!r.ok) {
          void vscode.window.showErrorMessage(uiText(r.message));
          return undefined;
        }
        // The edit is for the version the server read; a document that moved on meanwhile is not touched.
        let applied = false;
        if (doc.version === r.version) {
          const edit = new vscode.WorkspaceEdit();
          for (const e of r.edits)
            edit.replace(
              doc.uri,
              new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character),
              e.newText,
            );
          applied = await vscode.workspace.applyEdit(edit);
        }
        const out = output();
        out.clear();
        out.appendLine(
          t(
            'Table 3 of {0} counted from {1}: {2} application rows, {3} left out.',
            r.year,
            picked.fsPath,
            r.applications,
            r.leftOut.length,
          ),
        );
        out.appendLine('');
        out.appendLine(t('Counting basis:'));
        for (const b of r.basis) out.appendLine(`  ${uiText(b)}`);
        if (r.problems.length) {
          out.appendLine('');
          out.appendLine(t('Rows that could not be placed (left out of the table):'));
          for (const p of r.problems) out.appendLine(`  ${uiText(p)}`);
        }
        if (r.warnings.length) {
          out.appendLine('');
          out.appendLine(t('Register checks:'));
          for (const w of r.warnings) out.appendLine(`  ${uiText(w)}`);
        }
        if (!applied)
          void vscode.window.showWarningMessage(t('The draft changed meanwhile; table 3 was not inserted. Run the command again.'));
        else if (r.leftOut.length || r.warnings.length) {
          const show = t('Show');
          void vscode.window
            .showWarningMessage(
              r.leftOut.length
                ? t('{0} register rows could not be placed and were left out of table 3.', r.leftOut.length)
                : t('Table 3 counted from the register; the register checks found {0} things to look at.', r.warnings.length),
              show,
            )
            .then((a) => (a === show ? out.show(true) : undefined));
        } else void vscode.window.setStatusBarMessage(t('Table 3 counted from the register'), 3000);
        return {
          applied,
          replaced: r.replaced,
          year: r.year,
          leftOut: r.leftOut,
          problems: r.problems.map(uiText),
          warnings: r.warnings.map(uiText),
        };
      },
    ),
  );
}
