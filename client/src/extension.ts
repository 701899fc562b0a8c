/**
 * The client: starts the bundled language server and registers the commands, the "年报结构"
 * view, the 年报表格 editor, the status bar cell item and the Markdown preview plugin.
 * Everything it shows comes from the server. Its own strings go through vscode.l10n
 * (English source, l10n/bundle.l10n.zh-cn.json for Chinese).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import {
  FixAllRequest,
  InsertSectionRequest,
  NextYearRequest,
  StructureRequest,
  TemplateRequest,
  type Structure,
  type StructureSection,
  type StructureItem,
  type TemplateKind,
} from '../../server/src/protocol';
import type { TextEdit } from 'vscode-languageserver-types';
import { GridStore } from './grid-store';
import { uiText } from './localize';
import { registerImportExport, type ReportPasteProvider } from './import-export';
import { registerTally } from './register';
import { registerReview } from './review';
import { reportTablesPlugin, type MarkdownItLike, type PreviewDiagnostic } from './preview';
import { CellStatus } from './status-bar';
import { TableEditor, VIEW_TYPE as TABLE_EDITOR_VIEW } from './table-editor';
import type { FromWebview, TableId } from './webview/messages';
import { SECTIONS, canonicalSectionHeading, type SectionNumber } from '../../server/src/core/template';

const t = vscode.l10n.t;
/** The `source` of this extension's diagnostics (set by the server). */
const SOURCE = '年报检查';

let client: LanguageClient | undefined;

function isMarkdown(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && doc.languageId === 'markdown';
}

async function structureOf(uri: vscode.Uri | string | undefined): Promise<Structure | null> {
  if (!client || !uri) return null;
  const u = typeof uri === 'string' ? uri : uri.toString();
  return client.sendRequest(StructureRequest, { uri: u });
}

type Node =
  | { type: 'title'; uri: vscode.Uri; s: Structure }
  | { type: 'section'; uri: vscode.Uri; section: StructureSection; extra?: boolean }
  | { type: 'item'; uri: vscode.Uri; item: StructureItem }
  | { type: 'missingTopic'; uri: vscode.Uri; title: string; line?: number }
  | { type: 'info'; label: string };

class StructureView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private structure: Structure | null = null;
  private uri: vscode.Uri | undefined;
  private timer: NodeJS.Timeout | undefined;

  refresh(): void {
    // Diagnostics change on every keystroke; one request per pause is enough for a tree.
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), 150);
  }

  private async load(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (isMarkdown(editor?.document)) {
      this.uri = editor.document.uri;
      try {
        this.structure = await structureOf(this.uri);
      } catch {
        this.structure = null;
      }
    } else if (!editor) {
      // Keep the last report when focus moves to a view.
    } else {
      this.uri = undefined;
      this.structure = null;
    }
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const reveal = (line: number | undefined, uri: vscode.Uri): vscode.Command | undefined =>
      line === undefined ? undefined : { command: 'xxgkReport.revealLine', title: t('Go to'), arguments: [uri.toString(), line] };
    switch (node.type) {
      case 'info':
        return new vscode.TreeItem(node.label);
      case 'title': {
        const title = node.s.title!;
        const item = new vscode.TreeItem(title.text, vscode.TreeItemCollapsibleState.None);
        item.description = [
          title.year ? t('year {0}', title.year) : '',
          node.s.problems ? t('{0} problems', node.s.problems) : t('no problems'),
        ]
          .filter(Boolean)
          .join(' · ');
        item.iconPath = new vscode.ThemeIcon('file-text');
        item.command = reveal(title.line, node.uri);
        return item;
      }
      case 'section': {
        const s = node.section;
        const hasChildren = s.children.length > 0 || (s.missingTopics?.length ?? 0) > 0;
        const item = new vscode.TreeItem(
          s.present ? s.title : `${s.title}`,
          hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
        );
        if (!s.present) {
          item.description = t('missing');
          item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
          item.contextValue = 'missingSection';
          item.tooltip = t('“{0}” is missing. Click to insert this section.', s.title);
          item.command = { command: 'xxgkReport.insertSection', title: t('Insert'), arguments: [node.uri.toString(), s.number] };
        } else {
          const parts = [];
          if (node.extra) parts.push(t('duplicate'));
          if (s.written && s.written !== s.title) parts.push(t('written: {0}', s.written));
          // A section holding only placeholders is not done, whatever its problems say: never a tick.
          if (s.unwritten) parts.push(t('not written yet'));
          if (s.problems) parts.push(t('{0} problems', s.problems));
          else if (!s.unwritten) parts.push('✓');
          item.description = parts.join(' · ');
          item.iconPath = s.errors
            ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
            : s.unwritten
              ? new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('problemsWarningIcon.foreground'))
              : s.problems
                ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
                : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
          if (s.unwritten) item.tooltip = t('“{0}” holds only placeholders: write it for this year.', s.title);
          item.command = reveal(s.line, node.uri);
        }
        return item;
      }
      case 'item': {
        const i = node.item;
        const item = new vscode.TreeItem(i.label);
        item.description = i.problems ? t('{0} problems', i.problems) : undefined;
        item.iconPath = new vscode.ThemeIcon(i.kind === 'table' ? 'table' : 'symbol-key');
        item.command = reveal(i.line, node.uri);
        return item;
      }
      case 'missingTopic': {
        const item = new vscode.TreeItem(node.title);
        item.description = t('missing');
        item.iconPath = new vscode.ThemeIcon('circle-slash');
        item.command = reveal(node.line, node.uri);
        return item;
      }
    }
  }

  getChildren(node?: Node): Node[] {
    const s = this.structure;
    const uri = this.uri;
    if (!node) {
      if (!s || !uri) return [{ type: 'info', label: t('Open a report draft (Markdown) to see its structure') }];
      if (!s.isReport) return [{ type: 'info', label: t('This file is not a government information disclosure annual report') }];
      const out: Node[] = [];
      if (s.title) out.push({ type: 'title', uri, s });
      else out.push({ type: 'info', label: t('The report title is missing (agency + year + 政府信息公开工作年度报告)') });
      for (const section of s.sections) out.push({ type: 'section', uri, section });
      for (const section of s.extraSections) out.push({ type: 'section', uri, section, extra: true });
      if (s.reports > 1) out.push({ type: 'info', label: t('This file holds {0} reports; the first is shown', s.reports) });
      return out;
    }
    if (node.type === 'section' && uri) {
      const items: Node[] = node.section.children.map((item) => ({ type: 'item', uri, item }));
      for (const t of node.section.missingTopics ?? []) items.push({ type: 'missingTopic', uri, title: t, line: node.section.line });
      return items;
    }
    return [];
  }
}

/** Labels come from the template (section titles), descriptions are the client's own strings. */
function templatePicks(): { label: string; description: string; template: TemplateKind }[] {
  const section = (n: SectionNumber) => canonicalSectionHeading(n);
  const tableName: Record<TableId, string> = { table2: t('Table 2'), table3: t('Table 3'), table4: t('Table 4') };
  const descriptions = [
    t('with the headings of the five topics'),
    t('heading and table 2'),
    t('heading and table 3'),
    t('heading and table 4'),
    '',
    t('with the statement on fees'),
  ];
  return [
    { label: t('Full report skeleton'), description: t('title, six sections, three tables'), template: 'report' },
    { label: `${tableName.table2} ${SECTIONS[1].title}`, description: t('Article 20 items (1), (5), (6), (8)'), template: 'table2' },
    { label: `${tableName.table3} ${SECTIONS[2].title}`, description: t('25 rows × 7 columns'), template: 'table3' },
    { label: `${tableName.table4} ${SECTIONS[3].title}`, description: t('15 columns'), template: 'table4' },
    ...SECTIONS.map((s, i) => ({
      label: section(s.number),
      description: descriptions[i],
      template: `section:${s.number}` as TemplateKind,
    })),
  ];
}

async function applyServerEdits(uri: string, edits: TextEdit[]): Promise<boolean> {
  if (!client || !edits.length) return false;
  const edit = new vscode.WorkspaceEdit();
  const target = vscode.Uri.parse(uri);
  for (const e of edits) {
    const r = e.range;
    edit.replace(target, new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), e.newText);
  }
  return vscode.workspace.applyEdit(edit);
}

/** Fires when the template quick pick is shown (tests wait for it instead of sleeping). */
const templatePickShown = new vscode.EventEmitter<void>();
let templatePickVisible = false;

function pickTemplate(): Promise<TemplateKind | undefined> {
  const qp = vscode.window.createQuickPick<ReturnType<typeof templatePicks>[number]>();
  qp.items = templatePicks();
  qp.placeholder = t('Insert report template: choose what to insert');
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]?.template);
      qp.hide();
    });
    qp.onDidHide(() => {
      templatePickVisible = false;
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
    templatePickVisible = true;
    templatePickShown.fire();
  });
}

/** Diagnostics of this extension for the preview's current document, in the plugin's terms. */
function previewDiagnostics(uri: vscode.Uri): PreviewDiagnostic[] {
  const sev = ['error', 'warning', 'information', 'hint'] as const;
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE && d.range.isSingleLine)
    .map((d) => ({
      line: d.range.start.line,
      start: d.range.start.character,
      end: d.range.end.character,
      severity: sev[d.severity],
      message: d.message,
    }));
}

/** A command URI that shows a rule's page rendered (xxgkReport.showRuleHelp); the Problems panel and hovers open command links. */
function ruleHelpUri(code: string): vscode.Uri {
  return vscode.Uri.parse(`command:xxgkReport.showRuleHelp?${encodeURIComponent(JSON.stringify([code]))}`);
}

/** What the next-year command does when the file exists: ask (the default), a numbered name, or replace (scripts). */
type IfExists = 'ask' | 'rename' | 'replace';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** name.md, name（2）.md, name（3）.md …: the first that does not exist. */
async function freeName(folder: vscode.Uri, fileName: string): Promise<vscode.Uri> {
  const stem = fileName.replace(/\.md$/, '');
  for (let n = 2; ; n++) {
    const candidate = vscode.Uri.joinPath(folder, `${stem}（${n}）.md`);
    if (!(await exists(candidate))) return candidate;
  }
}

/**
 * Where next year's draft goes: beside last year's report (or in the first workspace folder
 * for an unsaved one; else an unsaved document under that name). An existing file is never
 * replaced unless the user picks 替换 in a modal whose first, default choice keeps it.
 */
async function nextYearTarget(source: vscode.Uri, fileName: string, ifExists: IfExists): Promise<vscode.Uri | undefined> {
  const folder =
    source.scheme === 'file'
      ? source.with({ path: path.posix.dirname(source.path) })
      : (vscode.workspace.getWorkspaceFolder(source) ?? vscode.workspace.workspaceFolders?.[0])?.uri;
  if (!folder) return vscode.Uri.from({ scheme: 'untitled', path: fileName });
  const target = vscode.Uri.joinPath(folder, fileName);
  if (!(await exists(target)) || ifExists === 'replace') return target;
  const renamed = await freeName(folder, fileName);
  if (ifExists === 'rename') return renamed;
  const keep: vscode.MessageItem = { title: t('Save as “{0}”', renamed.path.split('/').pop()!) };
  const replace: vscode.MessageItem = { title: t('Replace') };
  const choice = await vscode.window.showWarningMessage(
    t('“{0}” already exists.', fileName),
    { modal: true, detail: t('Replacing it loses what is written there. Save the new draft under another name instead?') },
    keep,
    replace,
  );
  return choice === keep ? renamed : choice === replace ? target : undefined;
}

export interface XxgkReportApi {
  structureOf: typeof structureOf;
  /** VS Code's Markdown preview calls this (contributes["markdown.markdownItPlugins"]). */
  extendMarkdownIt<T extends MarkdownItLike>(md: T): T;
}

/** The language client's options: Markdown documents, the config files watched, diagnostics' rule links as commands. */
function languageClientOptions(output: vscode.LogOutputChannel): LanguageClientOptions {
  return {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{.xxgk-report.json,*.md}') },
    // VS Code's Markdown extension already lists the headings in the Outline view.
    initializationOptions: { documentSymbols: false },
    outputChannel: output,
    middleware: {
      // The server links each diagnostic to its rule page as a file; opened from the Problems
      // panel or the hover, that file would be an editable source. The link runs a command instead.
      handleDiagnostics(uri, diagnostics, next) {
        for (const d of diagnostics) {
          if (d.source === SOURCE && d.code !== undefined && typeof d.code === 'object')
            d.code = { value: d.code.value, target: ruleHelpUri(String(d.code.value)) };
        }
        next(uri, diagnostics);
      },
    },
  };
}

/** xxgkReport.fixAll: the server's safe fixes of the active report, applied if the text has not moved on. */
async function fixAll(): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !isMarkdown(editor?.document)) return false;
  const doc = editor.document;
  const r = await client.sendRequest(FixAllRequest, { uri: doc.uri.toString() });
  if (r.version !== doc.version) return false;
  if (!r.edits.length) {
    void vscode.window.setStatusBarMessage(t('Report: no safely fixable problems'), 3000);
    return false;
  }
  return applyServerEdits(doc.uri.toString(), r.edits);
}

/** xxgkReport.insertSection (the code lens of a missing section): the server's edit, for the version it read. */
async function insertSection(uri: string, number: number): Promise<boolean> {
  if (!client) return false;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  // The edit is for the version the server read: apply it only to that version (ask again if the text moved on).
  for (let attempt = 0; attempt < 3; attempt++) {
    const version = doc.version;
    const r = await client.sendRequest(InsertSectionRequest, { uri, number });
    if (r.version !== version || doc.version !== version) continue;
    const ok = await applyServerEdits(uri, r.edits);
    if (ok) await vscode.window.showTextDocument(doc);
    return ok;
  }
  return false;
}

/**
 * xxgkReport.nextYear: next year's draft from this year's report, written beside it as
 * <机关名称><年份>年政府信息公开工作年度报告.md and opened; an existing file is replaced only
 * when the user says so (the safe choice, a new numbered name, comes first).
 */
async function nextYear(
  source?: vscode.Uri | string,
  mode?: 'prose' | 'skeleton',
  ifExists: IfExists = 'ask',
): Promise<vscode.Uri | undefined> {
  const uri =
    typeof source === 'string'
      ? vscode.Uri.parse(source)
      : source instanceof vscode.Uri
        ? source
        : vscode.window.activeTextEditor?.document.uri;
  if (!client || !uri) {
    void vscode.window.showInformationMessage(t("Open last year's report first."));
    return undefined;
  }
  if (!mode) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: t("Keep last year's text, marked for rewriting"), mode: 'prose' as const },
        { label: t('Blank skeleton'), mode: 'skeleton' as const },
      ],
      { placeHolder: t("New report for next year: keep last year's text?") },
    );
    if (!pick) return undefined;
    mode = pick.mode;
  }
  const r = await client.sendRequest(NextYearRequest, { uri: uri.toString(), skeleton: mode === 'skeleton' });
  if (!r.ok) {
    void vscode.window.showErrorMessage(uiText(r.message));
    return undefined;
  }
  const target = await nextYearTarget(uri, r.fileName, ifExists);
  if (!target) return undefined;
  let doc: vscode.TextDocument;
  if (target.scheme === 'untitled') {
    // No folder to write to: an unsaved document that Ctrl+S saves under the report's name.
    doc = await vscode.workspace.openTextDocument(target);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(target, new vscode.Position(0, 0), r.text);
    await vscode.workspace.applyEdit(edit);
  } else {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(r.text));
    doc = await vscode.workspace.openTextDocument(target);
  }
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc.uri;
}

/** Outside production, a test channel: sends the table editor exactly the messages its page sends, and reads back what the page shows. */
function registerTestChannel(
  context: vscode.ExtensionContext,
  cellStatus: CellStatus,
  previewRefreshed: vscode.EventEmitter<void>,
  paste: ReportPasteProvider,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('xxgkReport.test.tableEditor', async (action: string, payload?: unknown) => {
      const editor = TableEditor.current;
      switch (action) {
        case 'send':
          return editor?.receive(payload as FromWebview);
        case 'probe':
          return editor?.probe();
        case 'state':
          await editor?.settled();
          return editor && { ...editor.lastRender, latency: editor.lastLatency };
        case 'shown': {
          // Resolves once the page shows this version (or a later one) of `uri` and, with `focused`, has that cell focused.
          const p = (payload ?? {}) as { uri?: string; version?: number; focused?: string };
          const done = () =>
            !!TableEditor.current &&
            (p.uri === undefined || TableEditor.current.shownUri === p.uri) &&
            (p.version === undefined || (TableEditor.current.shownVersion ?? -1) >= p.version) &&
            (p.focused === undefined || TableEditor.current.focusedKey === p.focused);
          if (!done())
            await new Promise<void>((resolve) => {
              const d = TableEditor.current?.onDidShow(() => {
                if (!done()) return;
                d?.dispose();
                resolve();
              });
            });
          return { version: TableEditor.current?.shownVersion, focused: TableEditor.current?.focusedKey };
        }
        case 'cellStatus':
          return cellStatus.update();
        case 'previewRefreshed':
          await new Promise<void>((resolve) => {
            const d = previewRefreshed.event(() => {
              d.dispose();
              resolve();
            });
          });
          return true;
        case 'templatePickShown':
          if (!templatePickVisible)
            await new Promise<void>((resolve) => {
              const d = templatePickShown.event(() => {
                d.dispose();
                resolve();
              });
            });
          return true;
        case 'paste': {
          // The paste provider with a DataTransfer as VS Code builds it for clipboard HTML or text.
          const p = payload as { uri: string; html?: string; text?: string };
          const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(p.uri));
          const data = new vscode.DataTransfer();
          if (p.html !== undefined) data.set('text/html', new vscode.DataTransferItem(p.html));
          if (p.text !== undefined) data.set('text/plain', new vscode.DataTransferItem(p.text));
          const edits = await paste.provideDocumentPasteEdits(doc, [], data, {}, new vscode.CancellationTokenSource().token);
          return (edits ?? []).map((e) => ({
            title: e.title,
            kind: e.kind?.value,
            yieldTo: e.yieldTo?.map((k) => k.value),
            insertText: typeof e.insertText === 'string' ? e.insertText : e.insertText.value,
          }));
        }
        default:
          throw new Error(`unknown test action ${action}`);
      }
    }),
  );
}

export async function activate(context: vscode.ExtensionContext): Promise<XxgkReportApi> {
  const name = t('Government Information Disclosure Report');
  const output = vscode.window.createOutputChannel(name, { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions = languageClientOptions(output);
  client = new LanguageClient('xxgkReport', name, serverOptions, clientOptions);

  const grids = new GridStore(() => client);
  const cellStatus = new CellStatus(grids);
  const view = new StructureView();
  // Previews re-render when the diagnostics of a document they show change (tokens are cached per version).
  const previewed = new Set<string>();
  let previewTimer: NodeJS.Timeout | undefined;
  const previewRefreshed = new vscode.EventEmitter<void>();
  const openTableEditor = (uri?: vscode.Uri | string, table?: TableId, key?: string) =>
    TableEditor.show(
      context,
      grids,
      typeof uri === 'string' ? vscode.Uri.parse(uri) : uri instanceof vscode.Uri ? uri : undefined,
      table === 'table2' || table === 'table3' || table === 'table4' ? table : undefined,
      typeof key === 'string' ? key : undefined,
    );

  context.subscriptions.push(
    output,
    cellStatus,
    { dispose: () => TableEditor.current?.dispose() },
    vscode.window.registerTreeDataProvider('xxgkReport.structure', view),
    vscode.window.onDidChangeActiveTextEditor(() => view.refresh()),
    vscode.languages.onDidChangeDiagnostics((e) => {
      view.refresh();
      if (e.uris.some((u) => previewed.has(u.toString()))) {
        if (previewTimer) clearTimeout(previewTimer);
        previewTimer = setTimeout(() => {
          void vscode.commands.executeCommand('markdown.preview.refresh');
          previewRefreshed.fire();
        }, 250);
      }
    }),
    vscode.workspace.onDidCloseTextDocument((d) => grids.forget(d.uri)),
    vscode.commands.registerCommand('xxgkReport.structure.refresh', () => view.refresh()),
    vscode.commands.registerCommand('xxgkReport.getStructure', (uri?: vscode.Uri | string) =>
      structureOf(uri ?? vscode.window.activeTextEditor?.document.uri),
    ),
    vscode.commands.registerCommand('xxgkReport.revealLine', async (uri: string, line: number) => {
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
      const pos = new vscode.Position(line, 0);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
    }),
    vscode.commands.registerCommand('xxgkReport.fixAll', fixAll),
    vscode.commands.registerCommand('xxgkReport.insertSection', insertSection),
    vscode.commands.registerCommand('xxgkReport.insertTemplate', async (kind?: TemplateKind) => {
      const editor = vscode.window.activeTextEditor;
      if (!client || !editor) return false;
      if (!kind) {
        kind = await pickTemplate();
        if (!kind) return false;
      }
      const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      const r = await client.sendRequest(TemplateRequest, { kind, eol });
      if (!r) return false;
      return editor.edit((b) => {
        for (const sel of editor.selections) b.replace(sel, r.text);
      });
    }),
    vscode.commands.registerCommand('xxgkReport.nextYear', nextYear),
    // The rule link of a diagnostic: the rule's page, rendered in the Markdown preview (read-only).
    vscode.commands.registerCommand('xxgkReport.showRuleHelp', async (code?: unknown) => {
      if (typeof code !== 'string' || !/^[a-z][a-z0-9-]*$/.test(code)) return false;
      const page = vscode.Uri.joinPath(context.extensionUri, 'dist', 'rules', `${code}.md`);
      try {
        await vscode.workspace.fs.stat(page);
      } catch {
        void vscode.window.showWarningMessage(t('There is no help page for rule {0}.', code));
        return false;
      }
      await vscode.commands.executeCommand('markdown.showPreview', page);
      return true;
    }),
    // Tab / Shift+Tab in a report table of the text: next / previous figure (keybindings in package.json).
    vscode.commands.registerCommand('xxgkReport.nextCell', () => cellStatus.moveCell(1)),
    vscode.commands.registerCommand('xxgkReport.previousCell', () => cellStatus.moveCell(-1)),
    vscode.commands.registerCommand('xxgkReport.openTableEditor', async (uri?: vscode.Uri | string, table?: TableId, key?: string) => {
      const editor = await openTableEditor(uri, table, key);
      return !!editor;
    }),
    // Ctrl+Alt+T in the grid (the same keys that open it from the text): back to the text on the same figure.
    vscode.commands.registerCommand('xxgkReport.tableEditor.focusText', () => TableEditor.current?.focusText() ?? false),
    // After a window reload VS Code gives the panel back (activation event onWebviewPanel:xxgkReport.tableEditor).
    vscode.window.registerWebviewPanelSerializer(TABLE_EDITOR_VIEW, {
      deserializeWebviewPanel: async (panel, state) => {
        await TableEditor.restore(panel, context, grids, state);
      },
    }),
  );

  const paste = registerImportExport(context, () => client, grids);
  registerTally(context, () => client);
  registerReview(context);

  if (context.extensionMode !== vscode.ExtensionMode.Production) registerTestChannel(context, cellStatus, previewRefreshed, paste);

  await client.start();
  context.subscriptions.push(client);
  view.refresh();
  return {
    structureOf,
    extendMarkdownIt<T extends MarkdownItLike>(md: T): T {
      reportTablesPlugin(md, {
        diagnostics: (env) => {
          const uri = (env as { currentDocument?: vscode.Uri } | undefined)?.currentDocument;
          if (!uri || typeof uri.toString !== 'function') return undefined;
          previewed.add(uri.toString());
          return previewDiagnostics(uri);
        },
      });
      return md;
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
