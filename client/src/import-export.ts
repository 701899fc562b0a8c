/**
 * 年报：导入 Word 或网页… / 导出为 Word / 导出为网页, and pasting clipboard HTML (Word, WPS, a
 * browser) or a tab-separated block (Excel, WPS) as a canonical report table. The server
 * converts (its io bundle). Import: the client picks files, asks before replacing and writes
 * the draft. Export: the client asks (open errors, replacing an earlier export) and the server
 * writes the file (service/export.ts), never over one it did not write.
 */
import * as vscode from 'vscode';
import { exists } from './files';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  ExportRequest,
  IMPORT_DIALOG_EXTENSIONS,
  ImportRequest,
  PasteRequest,
  type ExportParams,
  type ImportedDraft,
} from '../../server/src/protocol';
import type { GridStore } from './grid-store';
import { uiText } from './localize';

const t = vscode.l10n.t;

function sibling(uri: vscode.Uri, ext: string): vscode.Uri {
  const name = uri.path.split('/').pop() ?? 'report';
  const base = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
  return vscode.Uri.joinPath(uri, '..', `${base}${ext}`);
}

/**
 * What the export asks and tells the user. The dialogs go through here so that a test can
 * answer them and see what was asked (an object passed in IoCommandOptions.prompt).
 */
export interface ExportPrompt {
  /** A modal question; the first button is the default (Enter). Undefined: dismissed. */
  ask(message: string, detail: string, ...buttons: string[]): Thenable<string | undefined>;
  /** A notification with buttons (not waited for by the command). */
  tell(message: string, ...buttons: string[]): Thenable<string | undefined>;
  /** What a button stands for: open the file in its program, reveal it in the folder, show the problems. */
  run(action: 'open' | 'reveal' | 'problems', uri: vscode.Uri): Thenable<unknown>;
}

const windowPrompt: ExportPrompt = {
  ask: (message, detail, ...buttons) => vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons),
  tell: (message, ...buttons) => vscode.window.showInformationMessage(message, ...buttons),
  run: (action, uri) =>
    action === 'open'
      ? vscode.env.openExternal(uri)
      : action === 'reveal'
        ? vscode.commands.executeCommand('revealFileInOS', uri)
        : vscode.commands.executeCommand('workbench.actions.view.problems'),
};

/** Options the commands take from other code and tests (a user gets the dialogs instead). */
export interface IoCommandOptions {
  /** Import: replace an existing draft without asking. Export: replace an earlier export of ours without asking (never another file). */
  overwrite?: boolean;
  /** Write here instead of beside the source. */
  target?: vscode.Uri | string;
  /** Export: who answers the questions (tests). */
  prompt?: ExportPrompt;
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

const PASTE_KIND_PATH = ['markdown', 'xxgkReport', 'table'];

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
    const r = await c.sendRequest(PasteRequest, html ? { html, eol } : { text: plain, eol });
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
          filters: { [t('Word, PDF, web page or text')]: [...IMPORT_DIALOG_EXTENSIONS] },
        });
        from = picked?.[0];
      }
      const c = client();
      if (!from || !c) return undefined;
      const picked = from;
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: t('Importing {0}…', picked.path.split('/').pop() ?? '') },
        () => c.sendRequest(ImportRequest, { uri: picked.toString(), eol: '\n' }),
      );
      if (!r.ok) {
        void vscode.window.showErrorMessage(uiText(r.message));
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
      // What the reader had to decide for the user (replaced bytes, an overruled charset, notes of a PDF).
      for (const w of r.warnings ?? []) void vscode.window.showWarningMessage(uiText(w));
      return target;
    }),
    ...(['docx', 'html'] as const).map((to) =>
      vscode.commands.registerCommand(
        to === 'docx' ? 'xxgkReport.exportDocx' : 'xxgkReport.exportHtml',
        (source?: vscode.Uri | string, opts: IoCommandOptions = {}) => exportCommand(client, to, source, opts),
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

function nameOf(uri: string | vscode.Uri | undefined): string {
  const path = typeof uri === 'string' ? vscode.Uri.parse(uri).path : (uri?.path ?? '');
  return path.split('/').pop() ?? '';
}

/**
 * 年报：导出为 Word / 导出为网页. The server writes the file (never over one it did not write);
 * here the user is asked first: about open errors (查看问题 is the default), and before
 * replacing an earlier export (saving under a new name is the default). A name taken by
 * someone else's file is never offered for replacing: the next free name is used.
 * Afterwards: 打开 / 在文件夹中显示. Returns the file written, or undefined.
 */
async function exportCommand(
  client: () => BaseLanguageClient | undefined,
  to: 'docx' | 'html',
  source: vscode.Uri | string | undefined,
  opts: IoCommandOptions,
): Promise<vscode.Uri | undefined> {
  const prompt = opts.prompt ?? windowPrompt;
  const uri = asUri(source) ?? vscode.window.activeTextEditor?.document.uri;
  const c = client();
  if (!uri || !c) {
    void vscode.window.showInformationMessage(t('Open a report draft (Markdown) first.'));
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const base: ExportParams = {
    uri: doc.uri.toString(),
    to,
    ...(opts.target ? { target: asUri(opts.target)?.toString() } : {}),
    // A draft not saved yet goes to the first workspace folder.
    ...(doc.uri.scheme !== 'file' && vscode.workspace.workspaceFolders?.[0]
      ? { directory: vscode.workspace.workspaceFolders[0].uri.toString() }
      : {}),
  };
  const plan = await c.sendRequest(ExportRequest, { ...base, dryRun: true });
  if (!plan.ok) {
    void vscode.window.showErrorMessage(uiText(plan.message));
    return undefined;
  }
  if (plan.errors > 0) {
    const show = t('Show problems');
    const anyway = t('Export anyway');
    const answer = await prompt.ask(
      t('The draft still has {0} errors', plan.errors),
      t('They are listed in the Problems panel. An export with errors is not the finished report.'),
      show,
      anyway,
    );
    if (answer !== anyway) {
      if (answer === show) await prompt.run('problems', doc.uri);
      return undefined;
    }
  }
  let target = plan.target;
  let replace = false;
  if (plan.state === 'ours') {
    if (opts.overwrite) replace = true;
    else {
      // Our own earlier export: replacing is offered, a new name is the default.
      const saveAs = plan.free ? t('Save as {0}', nameOf(plan.free)) : undefined;
      const replaceIt = t('Replace');
      const answer = await prompt.ask(
        t('{0} already exists: an earlier export.', nameOf(plan.target)),
        t('Replace it with this export, or save this one under a new name?'),
        ...(saveAs ? [saveAs] : []),
        replaceIt,
      );
      if (answer === replaceIt) replace = true;
      else if (saveAs && answer === saveAs) target = plan.free!;
      else return undefined;
    }
  } else if (plan.state !== 'new' && !opts.target && plan.free) {
    // The default name is taken by a file that is not ours: it is never offered for replacing.
    target = plan.free;
  }
  const r = await c.sendRequest(ExportRequest, { ...base, target, replace });
  if (!r.ok) {
    void vscode.window.showErrorMessage(uiText(r.message));
    return undefined;
  }
  for (const w of r.warnings) void vscode.window.showWarningMessage(uiText(w));
  const written = vscode.Uri.parse(r.target);
  const open = t('Open');
  const reveal = t('Reveal in Folder');
  void Promise.resolve(prompt.tell(t('Exported {0}', nameOf(written)), open, reveal)).then((a) =>
    a === open ? prompt.run('open', written) : a === reveal ? prompt.run('reveal', written) : undefined,
  );
  return written;
}
