/**
 * Status bar item naming the table cell under the cursor (表三 · 3.危及“三安全一稳定” · 自然人),
 * from the same tableGrid answer as the table editor (cached per document version).
 */
import * as vscode from 'vscode';
import type { GridStore } from './grid-store';
import { gridStrings } from './grid-store';
import { cellAt, cellKey, describeCell } from './grid-view';

export class CellStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('xxgkReport.cell', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  /** The text shown (or '' when hidden), for tests. */
  text = '';

  constructor(private readonly store: GridStore) {
    this.item.name = vscode.l10n.t('Report table cell');
    this.item.command = 'xxgkReport.openTableEditor';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeTextEditorSelection((e) => this.schedule(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((e) => this.schedule(e)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule(vscode.window.activeTextEditor);
      }),
    );
    this.schedule(vscode.window.activeTextEditor);
  }

  /** Moving the cursor is frequent: look once per pause (the grid itself is cached per version). */
  private schedule(_editor: vscode.TextEditor | undefined): void {
    if (this.timer) clearTimeout(this.timer);
    // The item is about the active editor at the time it is drawn, whichever editor fired.
    this.timer = setTimeout(() => void this.update(), 60);
  }

  private latest: Promise<string> = Promise.resolve('');

  /** Redraws the item; resolves with its text (that of a later call, if one overtakes this one). */
  update(editor = vscode.window.activeTextEditor): Promise<string> {
    this.latest = this.draw(editor, ++this.seq);
    return this.latest;
  }

  private async draw(editor: vscode.TextEditor | undefined, seq: number): Promise<string> {
    const doc = editor?.document;
    if (!editor || !doc || doc.languageId !== 'markdown') return this.hide();
    const pos = editor.selection.active;
    const grid = await this.store.get(doc);
    if (seq !== this.seq) return this.latest;
    const at = grid && grid.version === doc.version ? cellAt(grid, pos.line, pos.character, doc.lineAt(pos.line).text) : undefined;
    if (!at) return this.hide();
    this.setInTable(true);
    const { short, full } = describeCell(at, gridStrings());
    const problems = at.cell?.diagnostics ?? [];
    this.item.text = `$(table) ${short}`;
    const tip = new vscode.MarkdownString();
    tip.appendText(full);
    for (const d of problems) tip.appendMarkdown('\n\n').appendText(`${d.severity === 'error' ? '✗' : '!'} ${d.message}`);
    tip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Click to open the table editor'));
    this.item.tooltip = tip;
    this.item.command = {
      command: 'xxgkReport.openTableEditor',
      title: vscode.l10n.t('Open table editor'),
      arguments: [doc.uri, at.table, at.columnId ? cellKey(at.table, at.rowId, at.columnId) : undefined],
    };
    this.item.backgroundColor = problems.some((d) => d.severity === 'error')
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : undefined;
    this.item.show();
    this.text = short;
    return short;
  }

  /** Context key for the Tab / Shift+Tab keybindings that move between table cells in the text. */
  private inTable = false;
  private setInTable(v: boolean): void {
    if (v === this.inTable) return;
    this.inTable = v;
    void vscode.commands.executeCommand('setContext', 'xxgkReport.inReportTable', v);
  }

  /** Moves the selection to the next (+1) or previous (-1) figure cell of the table under the cursor; false at its edge. */
  async moveCell(dir: 1 | -1, editor = vscode.window.activeTextEditor): Promise<boolean> {
    const doc = editor?.document;
    if (!editor || !doc) return false;
    const grid = await this.store.get(doc);
    const pos = editor.selection.active;
    const table = grid?.tables.find((t) => pos.line >= t.range.start.line && pos.line <= t.range.end.line);
    if (!grid || grid.version !== doc.version || !table) return false;
    const ranges = table.rows
      .flatMap((r) =>
        r.cells.map((c) => new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character)),
      )
      .sort((a, b) => a.start.compareTo(b.start));
    const here = ranges.find((r) => r.contains(pos));
    const target =
      dir > 0
        ? ranges.find((r) => r.start.isAfter(here ? here.end : pos) || (!here && r.start.isEqual(pos)))
        : [...ranges].reverse().find((r) => r.end.isBefore(here ? here.start : pos));
    if (!target) return false;
    editor.selection = new vscode.Selection(target.start, target.end);
    editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  }

  private hide(): string {
    this.setInTable(false);
    this.item.hide();
    this.text = '';
    return '';
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
