/**
 * 年报：导入 Word 或网页… / 导出为 Word / 导出为网页, and pasting clipboard HTML (Word, WPS, a
 * browser) or a tab-separated block (Excel, WPS) as a canonical report table. The server
 * converts (its io bundle); the client only picks files, asks before replacing and writes.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  ExportRequest,
  IMPORT_DIALOG_EXTENSIONS,
  ImportRequest,
  PasteRequest,
  type ExportedFile,
  type ImportedDraft,
  type IoFailure,
  type IoMessageText,
} from '../../server/src/protocol';
import type { GridStore } from './grid-store';

const t = vscode.l10n.t;

function text(m: IoMessageText): string {
  return vscode.env.language.startsWith('zh') ? m.zh : m.en;
}

function sibling(uri: vscode.Uri, ext: string): vscode.Uri {
  const name = uri.path.split('/').pop() ?? 'report';
  const base = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
  return vscode.Uri.joinPath(uri, '..', `${base}${ext}`);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Options the commands take from other code and tests (a user gets the dialogs instead). */
export interface IoCommandOptions {
  /** Replace an existing target without asking. */
  overwrite?: boolean;
  /** Write here instead of beside the source. */
  target?: vscode.Uri | string;
}

async function mayWrite(target: vscode.Uri, opts: IoCommandOptions): Promise<boolean> {
  if (opts.overwrite || !(await exists(target))) return true;
  const replace = t('Replace');
  const answer = await vscode.window.showWarningMessage(
    t('{0} already exists. Replace it?', target.path.split('/').pop() ?? ''),
    { modal: true },
    replace,
  );
  return answer === replace;
}

function asUri(u: vscode.Uri | string | undefined): vscode.Uri | undefined {
  return typeof u === 'string' ? vscode.Uri.parse(u) : u instanceof vscode.Uri ? u : undefined;
}

export const PASTE_KIND_PATH = ['markdown', 'xxgkReport', 'table'];

/** Offers, next to the plain paste, the clipboard's report tables in the canonical form. */
export class ReportPasteProvider {
  constructor(
    private readonly client: () => BaseLanguageClient | undefined,
    private readonly grids: GridStore,
  ) {}

  /** The canonical Markdown for clipboard content, when it holds a report table. */
  async convert(doc: vscode.TextDocument, html: string | undefined, plain: string | undefined): Promise<ImportedDraft | undefined> {
    const c = this.client();
    if (!c) return undefined;
    // A block from a spreadsheet has tabs and several lines; anything else pastes as it is.
    if (!html && !(plain && plain.includes('\t') && /\n./.test(plain))) return undefined;
    const grid = await this.grids.get(doc);
    if (!grid?.isReport) return undefined;
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const r = await c.sendRequest<ImportedDraft | IoFailure>(PasteRequest.method, html ? { html, eol } : { text: plain, eol });
    return r.ok && r.tables.length ? r : undefined;
  }

  label(r: ImportedDraft): string {
    const names: Record<string, string> = { table2: t('Table 2'), table3: t('Table 3'), table4: t('Table 4') };
    return t('Paste as report table ({0})', r.tables.map((x) => names[x] ?? x).join(t(', ')));
  }

  async provideDocumentPasteEdits(
    doc: vscode.TextDocument,
    _ranges: readonly vscode.Range[],
    data: vscode.DataTransfer,
    _context: unknown,
    token: vscode.CancellationToken,
  ): Promise<vscode.DocumentPasteEdit[] | undefined> {
    const html = await data.get('text/html')?.asString();
    const plain = html ? undefined : await data.get('text/plain')?.asString();
    const r = await this.convert(doc, html, plain);
    if (!r || token.isCancellationRequested) return undefined;
    const kind = vscode.DocumentDropOrPasteEditKind.Empty.append(...PASTE_KIND_PATH);
    const edit = new vscode.DocumentPasteEdit(r.markdown, this.label(r), kind);
    // An offer in the paste widget, not the default: plain text stays what Ctrl+V does.
    edit.yieldTo = [vscode.DocumentDropOrPasteEditKind.Text];
    return [edit];
  }
}

export function registerImportExport(
  context: vscode.ExtensionContext,
  client: () => BaseLanguageClient | undefined,
  grids: GridStore,
): ReportPasteProvider {
  const paste = new ReportPasteProvider(client, grids);
  const languages = vscode.languages as typeof vscode.languages & { registerDocumentPasteEditProvider?: unknown };
  // The document paste API is stable since VS Code 1.97; below it, the paste command below remains.
  if (typeof languages.registerDocumentPasteEditProvider === 'function' && typeof vscode.DocumentDropOrPasteEditKind === 'function') {
    context.subscriptions.push(
      vscode.languages.registerDocumentPasteEditProvider(
        [
          { language: 'markdown', scheme: 'file' },
          { language: 'markdown', scheme: 'untitled' },
        ],
        paste,
        {
          providedPasteEditKinds: [vscode.DocumentDropOrPasteEditKind.Empty.append(...PASTE_KIND_PATH)],
          pasteMimeTypes: ['text/html', 'text/plain'],
        },
      ),
    );
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('xxgkReport.import', async (source?: vscode.Uri | string, opts: IoCommandOptions = {}) => {
      let from = asUri(source);
      if (!from) {
        const picked = await vscode.window.showOpenDialog({
          canSelectMany: false,
          openLabel: t('Import'),
          title: t('Import a report from Word or a web page'),
          filters: { [t('Word, web page or text')]: [...IMPORT_DIALOG_EXTENSIONS] },
        });
        from = picked?.[0];
      }
      const c = client();
      if (!from || !c) return undefined;
      const picked = from;
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: t('Importing {0}…', picked.path.split('/').pop() ?? '') },
        () => c.sendRequest<ImportedDraft | IoFailure>(ImportRequest.method, { uri: picked.toString(), eol: '\n' }),
      );
      if (!r.ok) {
        void vscode.window.showErrorMessage(text(r.message));
        return undefined;
      }
      const target = asUri(opts.target) ?? sibling(from, '.md');
      if (!(await mayWrite(target, opts))) return undefined;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(r.markdown));
      const doc = await vscode.workspace.openTextDocument(target);
      await vscode.window.showTextDocument(doc, { preview: false });
      if (r.unmapped.length) {
        void vscode.window.showWarningMessage(
          t(
            '{0} items could not be matched to the template; they are kept as text in the draft (listed in the comment at its top).',
            r.unmapped.length,
          ),
        );
      }
      return target;
    }),
    ...(['docx', 'html'] as const).map((to) =>
      vscode.commands.registerCommand(
        to === 'docx' ? 'xxgkReport.exportDocx' : 'xxgkReport.exportHtml',
        async (source?: vscode.Uri | string, opts: IoCommandOptions = {}) => {
          const uri = asUri(source) ?? vscode.window.activeTextEditor?.document.uri;
          const c = client();
          if (!uri || !c) {
            void vscode.window.showInformationMessage(t('Open a report draft (Markdown) first.'));
            return undefined;
          }
          const doc = await vscode.workspace.openTextDocument(uri);
          const r = await c.sendRequest<ExportedFile | IoFailure>(ExportRequest.method, { uri: doc.uri.toString(), to });
          if (!r.ok) {
            void vscode.window.showErrorMessage(text(r.message));
            return undefined;
          }
          const target =
            asUri(opts.target) ??
            sibling(
              doc.uri.scheme === 'untitled'
                ? vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? doc.uri, 'report.md')
                : doc.uri,
              `.${to}`,
            );
          if (!(await mayWrite(target, opts))) return undefined;
          await vscode.workspace.fs.writeFile(target, Buffer.from(r.base64, 'base64'));
          if (!opts.target && !opts.overwrite) {
            void vscode.window.showInformationMessage(t('Exported {0}', target.path.split('/').pop() ?? ''));
          }
          return target;
        },
      ),
    ),
    // Also where the paste API is missing: the clipboard's text as a canonical report table.
    vscode.commands.registerCommand('xxgkReport.pasteAsReportTable', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'markdown') return false;
      const r = await paste.convert(editor.document, undefined, await vscode.env.clipboard.readText());
      if (!r) {
        void vscode.window.showInformationMessage(t('The clipboard holds no report table (copy the rows from Excel, WPS or Word).'));
        return false;
      }
      return editor.edit((b) => b.replace(editor.selection, r.markdown));
    }),
  );
  return paste;
}
