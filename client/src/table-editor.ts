/**
 * The 年报表格 editor: a webview beside the text editor showing tables 二, 三 and 四 in the
 * official layout as an editable grid bound to the Markdown cells. Edits are whole-cell
 * WorkspaceEdits located by template row/column id in a grid read for the document's current
 * version, so an edit never lands on a cell that moved meanwhile.
 *
 * Opened from the keyboard it takes the focus, on the cell under the text cursor (or the first
 * empty figure); Ctrl+Z / Ctrl+Y in it are the document's undo and redo; a window reload brings
 * it back (WebviewPanelSerializer) on the same report and cell.
 */
import * as vscode from 'vscode';
import type { TableGridResult } from '../../server/src/protocol';
import { GridStore, gridStrings } from './grid-store';
import { openingCell, tableViews } from './grid-view';
import type { CellEdit, FromWebview, RenderMessage, TableId, ToWebview } from './webview/messages';

export const VIEW_TYPE = 'xxgkReport.tableEditor';

/** What the page keeps with the panel (see client/webview/table-editor.ts PageState). */
interface SavedState {
  uri?: string;
  key?: string;
}

function webviewOptions(context: vscode.ExtensionContext): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: true,
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(context.extensionUri, 'media')],
  };
}

/** Where the text cursor is in the report's editor, if it is shown. */
function cursorIn(doc: vscode.TextDocument): { line: number; character: number; lineText: string } | undefined {
  const editor =
    vscode.window.activeTextEditor?.document === doc
      ? vscode.window.activeTextEditor
      : vscode.window.visibleTextEditors.find((e) => e.document === doc);
  if (!editor) return undefined;
  const p = editor.selection.active;
  return { line: p.line, character: p.character, lineText: doc.lineAt(p.line).text };
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

function isMarkdown(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && doc.languageId === 'markdown' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}

/** Cell text for a pipe table: one line, pipes escaped. */
function cellText(value: string): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .replace(/(?<!\\)\|/g, '\\|');
}

function uiStrings(): Record<string, string> {
  const t = vscode.l10n.t;
  return {
    absent: t('This report has no such table yet. Insert it with “Report: Insert Template…”.'),
    missingCell: t('The source row has no cell here: fix the row in the text first.'),
    incomplete: t('incomplete'),
    differ: t('differs by'),
    pasted: t('{0} cells pasted'),
    suspect: t('Probably this cell is wrong, by: '),
    suspectValue: t('With {0} here they all add up (check the records first).'),
    goToSuspect: t('Go to the cell that is probably wrong: '),
  };
}

export class TableEditor implements vscode.Disposable {
  static current: TableEditor | undefined;

  private doc: vscode.TextDocument | undefined;
  private ready = false;
  private last: RenderMessage | undefined;
  private refreshing: Promise<void> | undefined;
  private again = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly probes = new Map<number, (v: unknown) => void>();
  private probeId = 1;
  private readonly rendered = new vscode.EventEmitter<RenderMessage>();
  /** Fires after each render message was posted (tests wait on it). */
  readonly onDidRender = this.rendered.event;
  private readonly shown = new vscode.EventEmitter<{ version?: number; focused?: string }>();
  /** Fires when the page shows a version of the document, or a cell took the focus (tests wait on it). */
  readonly onDidShow = this.shown.event;
  /** The document and version the page shows, and the cell focused last in it. */
  shownUri: string | undefined;
  shownVersion: number | undefined;
  focusedKey: string | undefined;

  /**
   * Shows the grid of a report (the given one, else the active or a visible Markdown editor's)
   * and puts the focus on a cell: `key`, else the one under the text cursor (in `table`, when
   * given), else the first empty figure. With `focus` false (following the text) the focus stays.
   */
  static async show(
    context: vscode.ExtensionContext,
    store: GridStore,
    uri?: vscode.Uri,
    table?: TableId,
    key?: string,
    focus = true,
  ): Promise<TableEditor | undefined> {
    let doc: vscode.TextDocument | undefined;
    if (uri) doc = await vscode.workspace.openTextDocument(uri);
    else doc = vscode.window.activeTextEditor?.document;
    if (!isMarkdown(doc)) doc = vscode.window.visibleTextEditors.map((e) => e.document).find(isMarkdown);
    if (!isMarkdown(doc)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a report draft (Markdown) first.'));
      return undefined;
    }
    // The cell is chosen before the panel takes the focus (the text cursor is read now).
    const grid = await store.get(doc);
    const target = key ?? openingCell(grid, tableViews(grid, gridStrings()), cursorIn(doc), table);
    if (!TableEditor.current) {
      const panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        vscode.l10n.t('Report tables'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: !focus },
        webviewOptions(context),
      );
      TableEditor.current = new TableEditor(panel, context, store);
    } else {
      // Never on top of the text it edits: beside the report's editor if they share a group.
      const panel = TableEditor.current.panel;
      const textColumn = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn;
      panel.reveal(panel.viewColumn === undefined || panel.viewColumn === textColumn ? vscode.ViewColumn.Beside : panel.viewColumn, !focus);
    }
    const editor = TableEditor.current;
    await editor.follow(doc);
    if (target) editor.post({ type: 'reveal', key: target });
    else if (table) editor.post({ type: 'reveal', table });
    return editor;
  }

  /** A panel VS Code restores after a window reload: the same report, the page back on its last cell. */
  static async restore(
    panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    store: GridStore,
    state: unknown,
  ): Promise<TableEditor> {
    TableEditor.current?.dispose();
    const editor = (TableEditor.current = new TableEditor(panel, context, store));
    const uri = typeof (state as SavedState | undefined)?.uri === 'string' ? (state as SavedState).uri : undefined;
    let doc: vscode.TextDocument | undefined;
    try {
      doc = uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)) : undefined;
    } catch {
      doc = undefined; // the file is gone: the panel says so
    }
    if (isMarkdown(doc)) await editor.follow(doc);
    else editor.refresh();
    return editor;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly store: GridStore,
  ) {
    panel.webview.options = webviewOptions(context);
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromWebview) => void this.receive(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.doc && e.contentChanges.length) {
          this.changedAt ??= Date.now();
          this.refresh();
        }
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && isMarkdown(e.document) && e.document !== this.doc) void this.follow(e.document, true);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.doc) {
          this.doc = undefined;
          this.refresh();
        }
      }),
      this.rendered,
      this.shown,
    );
  }

  /** Set once the panel is closed; late callbacks (a grid read, a text change) then do nothing. */
  private disposed = false;

  get document(): vscode.TextDocument | undefined {
    return this.doc;
  }

  get lastRender(): RenderMessage | undefined {
    return this.last;
  }

  /** Show another document; with `onlyReports`, only if it has report tables. */
  async follow(doc: vscode.TextDocument, onlyReports = false): Promise<void> {
    if (onlyReports) {
      const grid = await this.store.get(doc);
      if (!grid?.isReport || !grid.tables.length) return;
    }
    // The panel may have been closed while the grid was read: a closed webview throws on any use.
    if (this.disposed) return;
    this.doc = doc;
    this.panel.title = `${vscode.l10n.t('Report tables')} · ${doc.uri.path.split('/').pop()}`;
    this.refresh();
    await this.refreshing;
  }

  /** Re-read the grid and post it; calls during a refresh coalesce into one more. */
  refresh(): void {
    if (this.disposed) return;
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        try {
          await this.render();
        } catch (e) {
          console.error(e);
        }
      } while (this.again);
      this.refreshing = undefined;
    })();
  }

  /** Resolves once the grid shows the document's current version. */
  async settled(): Promise<void> {
    while (this.refreshing) await this.refreshing;
  }

  private async render(): Promise<void> {
    const doc = this.doc;
    const strings = uiStrings();
    if (!doc) {
      this.postRender({
        type: 'render',
        uri: '',
        fileName: '',
        version: 0,
        tables: [],
        strings,
        empty: vscode.l10n.t('Open a report draft (Markdown) to edit its tables here.'),
      });
      return;
    }
    const grid = await this.store.get(doc);
    if (doc !== this.doc || (grid && grid.version !== doc.version)) {
      this.again = true;
      return;
    }
    const fileName = doc.uri.path.split('/').pop() ?? '';
    const msg: RenderMessage = {
      type: 'render',
      uri: doc.uri.toString(),
      fileName,
      version: doc.version,
      tables: tableViews(grid, gridStrings()),
      strings,
    };
    if (!grid?.isReport) msg.empty = vscode.l10n.t('{0} is not a government information disclosure annual report.', fileName);
    this.postRender(msg);
  }

  private postRender(msg: RenderMessage): void {
    if (this.disposed) return;
    this.last = msg;
    if (this.changedAt !== undefined && msg.version === this.doc?.version) {
      this.lastLatency = Date.now() - this.changedAt;
      this.changedAt = undefined;
    }
    if (this.ready) void this.panel.webview.postMessage(msg);
    this.rendered.fire(msg);
  }

  post(msg: ToWebview): void {
    if (this.disposed) return;
    if (this.ready) void this.panel.webview.postMessage(msg);
    else this.pendingPosts.push(msg);
  }

  private readonly pendingPosts: ToWebview[] = [];
  /** When the text changed and the grid did not show it yet; and how long the last such update took (ms). */
  private changedAt: number | undefined;
  lastLatency: number | undefined;

  /** A message from the page (or from the test channel, which sends the very same messages). */
  receive(m: FromWebview): Promise<unknown> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.last) void this.panel.webview.postMessage(this.last);
        for (const p of this.pendingPosts.splice(0)) void this.panel.webview.postMessage(p);
        return Promise.resolve();
      case 'edit':
        return (this.queue = this.queue.then(() => this.applyEdits(m.id, m.edits)));
      case 'focusCell':
        this.focusedKey = m.key;
        this.shown.fire({ focused: m.key });
        return this.revealInText(m.key);
      case 'shown':
        this.shownUri = m.uri;
        this.shownVersion = m.version;
        this.shown.fire({ version: m.version });
        return Promise.resolve();
      case 'undo':
      case 'redo':
        return (this.queue = this.queue.then(() => this.history(m.type, m.key)));
      case 'probeResult': {
        const resolve = this.probes.get(m.id);
        this.probes.delete(m.id);
        resolve?.(m);
        return Promise.resolve();
      }
    }
    return Promise.resolve();
  }

  /** What the page shows now (values, focus, marks), asked from the page itself. */
  probe(timeout = 10_000): Promise<unknown> {
    const id = this.probeId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.probes.delete(id);
        reject(new Error('the table editor page did not answer'));
      }, timeout);
      this.probes.set(id, (v) => {
        clearTimeout(timer);
        resolve(v);
      });
      this.post({ type: 'probe', id });
    });
  }

  private async locate(doc: vscode.TextDocument, key: string): Promise<{ grid: TableGridResult | null; range?: vscode.Range }> {
    const grid = await this.store.get(doc);
    const [table, rowId, columnId] = key.split('/');
    const cell = grid?.tables
      .find((t) => t.id === table)
      ?.rows.find((r) => r.id === rowId)
      ?.cells.find((c) => c.column === columnId);
    const range =
      cell && new vscode.Range(cell.range.start.line, cell.range.start.character, cell.range.end.line, cell.range.end.character);
    return { grid, range };
  }

  /** One WorkspaceEdit (one undo step) for the cells of one commit, against the current version. */
  private async applyEdits(id: number, edits: CellEdit[]): Promise<{ ok: boolean; version?: number }> {
    const doc = this.doc;
    const fail = (reason: string) => {
      this.post({ type: 'ack', id, ok: false, reason });
      return { ok: false };
    };
    if (!doc) return fail(vscode.l10n.t('No report is open.'));
    for (let attempt = 0; attempt < 5; attempt++) {
      const version = doc.version;
      const edit = new vscode.WorkspaceEdit();
      let missing = 0;
      let stale = false;
      for (const e of edits) {
        const { grid, range } = await this.locate(doc, e.key);
        if (!grid || grid.version !== version) {
          stale = true;
          break;
        }
        if (!range) {
          missing++;
          continue;
        }
        if (doc.getText(range) !== cellText(e.value)) edit.replace(doc.uri, range, cellText(e.value));
      }
      // The document changed while the cells were located: locate them again.
      if (stale || doc.version !== version) {
        if (stale) this.store.forget(doc.uri);
        continue;
      }
      if (missing === edits.length) return fail(vscode.l10n.t('The cell is not in the text any more.'));
      if (edit.size === 0) {
        this.post({ type: 'ack', id, ok: true, version });
        return { ok: true, version };
      }
      const ok = await vscode.workspace.applyEdit(edit);
      if (!ok) return fail(vscode.l10n.t('The edit could not be applied.'));
      this.post({ type: 'ack', id, ok: true, version: doc.version });
      this.refresh();
      return { ok: true, version: doc.version };
    }
    return fail(vscode.l10n.t('The document kept changing; the figure was not written.'));
  }

  /**
   * Undo or redo in the document, as if pressed in its text editor (VS Code has no other way
   * to reach a document's history): the text editor takes the focus for the command, then the
   * grid takes it back on the same cell, which shows what the document now holds.
   */
  private async history(which: 'undo' | 'redo', key?: string): Promise<void> {
    const doc = this.doc;
    if (!doc) return;
    const shownIn = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn;
    // A text editor that is not shown opens in another group than the grid's.
    const column = shownIn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false, preview: false });
    await vscode.commands.executeCommand(which);
    this.panel.reveal(this.panel.viewColumn, false);
    if (key) this.post({ type: 'reveal', key });
  }

  /** Ctrl+Alt+T in the grid: back to the text, on the figure focused in the grid. */
  async focusText(): Promise<boolean> {
    const doc = this.doc;
    if (!doc) return false;
    const key = this.focusedKey;
    const range = key ? (await this.locate(doc, key)).range : undefined;
    const shownIn = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn;
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: shownIn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One),
      preserveFocus: false,
      preview: false,
    });
    if (range) {
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    return true;
  }

  private async revealInText(key: string): Promise<void> {
    const doc = this.doc;
    if (!doc) return;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    if (!editor) return;
    const { range } = await this.locate(doc, key);
    if (!range || doc !== this.doc) return;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private html(): string {
    const webview = this.panel.webview;
    const n = nonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview', 'table-editor.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', 'table-editor.css'));
    const lang = vscode.env.language.startsWith('zh') ? 'zh-CN' : 'en';
    return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${n}'; font-src ${webview.cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${vscode.l10n.t('Report tables')}</title>
</head>
<body>
<header><span id="status"></span><details><summary>${vscode.l10n.t('Keys')}</summary><p class="hint">${vscode.l10n.t(
      'Tab/Shift+Tab: next/previous cell · Enter/arrows: move · Esc: cancel typing · Ctrl+Z/Ctrl+Y: undo/redo in the document · F8: the cell that is probably wrong · Ctrl+Alt+T: back to the text · paste a block copied from Excel or WPS',
    )}</p></details></header>
<div id="live" class="visually-hidden" aria-live="polite"></div>
<main id="root"></main>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.disposed = true;
    if (TableEditor.current === this) TableEditor.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
