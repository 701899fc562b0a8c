/**
 * The client: starts the bundled language server and registers the commands and the
 * "年报结构" view. Everything it shows comes from the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

interface StructureItem { kind: string; label: string; line: number; range: vscode.Range; problems: number }
interface StructureSection {
  number: number; title: string; written?: string; present: boolean; line?: number; problems: number; errors: number;
  missingTopics?: string[]; children: StructureItem[];
}
interface Structure {
  uri: string; isReport: boolean; reports: number;
  title?: { text: string; agency?: string; year?: number; line: number };
  sections: StructureSection[]; extraSections: StructureSection[]; problems: number;
}

type TemplateKind = 'report' | 'table2' | 'table3' | 'table4' | `section:${number}`;

let client: LanguageClient | undefined;

function isMarkdown(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && doc.languageId === 'markdown';
}

async function structureOf(uri: vscode.Uri | string | undefined): Promise<Structure | null> {
  if (!client || !uri) return null;
  const u = typeof uri === 'string' ? uri : uri.toString();
  return client.sendRequest<Structure | null>('xxgkReport/structure', { uri: u });
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
      this.uri = editor!.document.uri;
      try { this.structure = await structureOf(this.uri); } catch { this.structure = null; }
    } else if (!editor) {
      // Keep the last report when focus moves to a view.
    } else {
      this.uri = undefined;
      this.structure = null;
    }
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const reveal = (line: number | undefined, uri: vscode.Uri): vscode.Command | undefined => line === undefined ? undefined
      : { command: 'xxgkReport.revealLine', title: '转到', arguments: [uri.toString(), line] };
    switch (node.type) {
      case 'info':
        return new vscode.TreeItem(node.label);
      case 'title': {
        const t = node.s.title!;
        const item = new vscode.TreeItem(t.text, vscode.TreeItemCollapsibleState.None);
        item.description = [t.year ? `${t.year}年度` : '', node.s.problems ? `${node.s.problems} 个问题` : '无问题'].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon('file-text');
        item.command = reveal(t.line, node.uri);
        return item;
      }
      case 'section': {
        const s = node.section;
        const hasChildren = s.children.length > 0 || (s.missingTopics?.length ?? 0) > 0;
        const item = new vscode.TreeItem(s.present ? s.title : `${s.title}`, hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        if (!s.present) {
          item.description = '缺少';
          item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
          item.contextValue = 'missingSection';
          item.tooltip = `缺少“${s.title}”。点击插入这一部分。`;
          item.command = { command: 'xxgkReport.insertSection', title: '插入', arguments: [node.uri.toString(), s.number] };
        } else {
          const parts = [];
          if (node.extra) parts.push('重复');
          if (s.written && s.written !== s.title) parts.push(`原文：${s.written}`);
          parts.push(s.problems ? `${s.problems} 个问题` : '✓');
          item.description = parts.join(' · ');
          item.iconPath = new vscode.ThemeIcon(s.errors ? 'error' : s.problems ? 'warning' : 'pass',
            new vscode.ThemeColor(s.errors ? 'problemsErrorIcon.foreground' : s.problems ? 'problemsWarningIcon.foreground' : 'testing.iconPassed'));
          item.command = reveal(s.line, node.uri);
        }
        return item;
      }
      case 'item': {
        const i = node.item;
        const item = new vscode.TreeItem(i.label);
        item.description = i.problems ? `${i.problems} 个问题` : undefined;
        item.iconPath = new vscode.ThemeIcon(i.kind === 'table' ? 'table' : 'symbol-key');
        item.command = reveal(i.line, node.uri);
        return item;
      }
      case 'missingTopic': {
        const item = new vscode.TreeItem(node.title);
        item.description = '缺少';
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
      if (!s || !uri) return [{ type: 'info', label: '打开一份年报草稿（Markdown）以查看其结构' }];
      if (!s.isReport) return [{ type: 'info', label: '当前文件不是政府信息公开工作年度报告' }];
      const out: Node[] = [];
      if (s.title) out.push({ type: 'title', uri, s });
      else out.push({ type: 'info', label: '缺少报告标题（机关名称+年份+政府信息公开工作年度报告）' });
      for (const section of s.sections) out.push({ type: 'section', uri, section });
      for (const section of s.extraSections) out.push({ type: 'section', uri, section, extra: true });
      if (s.reports > 1) out.push({ type: 'info', label: `本文件共有 ${s.reports} 份报告，这里显示第一份` });
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

const TEMPLATE_PICKS: { label: string; description: string; template: TemplateKind }[] = [
  { label: '完整报告骨架', description: '标题、六个部分、三张统计表', template: 'report' },
  { label: '表二 主动公开政府信息情况', description: '第二十条第（一）（五）（六）（八）项', template: 'table2' },
  { label: '表三 收到和处理政府信息公开申请情况', description: '25 行 × 7 列', template: 'table3' },
  { label: '表四 政府信息公开行政复议、行政诉讼情况', description: '15 列', template: 'table4' },
  { label: '一、总体情况', description: '含五个方面的小标题', template: 'section:1' },
  { label: '二、主动公开政府信息情况', description: '标题和表二', template: 'section:2' },
  { label: '三、收到和处理政府信息公开申请情况', description: '标题和表三', template: 'section:3' },
  { label: '四、政府信息公开行政复议、行政诉讼情况', description: '标题和表四', template: 'section:4' },
  { label: '五、存在的主要问题及改进情况', description: '', template: 'section:5' },
  { label: '六、其他需要报告的事项', description: '含信息处理费说明', template: 'section:6' },
];

async function applyServerEdits(uri: string, edits: { range: vscode.Range; newText: string }[]): Promise<boolean> {
  if (!client || !edits.length) return false;
  const edit = new vscode.WorkspaceEdit();
  const target = vscode.Uri.parse(uri);
  for (const e of edits) {
    const r = e.range as unknown as { start: { line: number; character: number }; end: { line: number; character: number } };
    edit.replace(target, new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), e.newText);
  }
  return vscode.workspace.applyEdit(edit);
}

export async function activate(context: vscode.ExtensionContext): Promise<{ structureOf: typeof structureOf }> {
  const output = vscode.window.createOutputChannel('政府信息公开年报助手', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown' }, { scheme: 'untitled', language: 'markdown' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{.xxgk-report.json,*.md}') },
    // VS Code's Markdown extension already lists the headings in the Outline view.
    initializationOptions: { documentSymbols: false },
    outputChannel: output,
  };
  client = new LanguageClient('xxgkReport', '政府信息公开年报助手', serverOptions, clientOptions);

  const view = new StructureView();
  context.subscriptions.push(
    output,
    vscode.window.registerTreeDataProvider('xxgkReport.structure', view),
    vscode.window.onDidChangeActiveTextEditor(() => view.refresh()),
    vscode.languages.onDidChangeDiagnostics(() => view.refresh()),
    vscode.commands.registerCommand('xxgkReport.structure.refresh', () => view.refresh()),
    vscode.commands.registerCommand('xxgkReport.getStructure', (uri?: vscode.Uri | string) =>
      structureOf(uri ?? vscode.window.activeTextEditor?.document.uri)),
    vscode.commands.registerCommand('xxgkReport.revealLine', async (uri: string, line: number) => {
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
      const pos = new vscode.Position(line, 0);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
    }),
    vscode.commands.registerCommand('xxgkReport.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!client || !isMarkdown(editor?.document)) return false;
      const doc = editor!.document;
      const r = await client.sendRequest<{ version: number | null; edits: { range: vscode.Range; newText: string }[] }>('xxgkReport/fixAll', { uri: doc.uri.toString() });
      if (r.version !== doc.version) return false;
      if (!r.edits.length) { void vscode.window.setStatusBarMessage('年报：没有可安全修复的问题', 3000); return false; }
      return applyServerEdits(doc.uri.toString(), r.edits);
    }),
    vscode.commands.registerCommand('xxgkReport.insertSection', async (uri: string, number: number) => {
      if (!client) return false;
      const r = await client.sendRequest<{ edits: { range: vscode.Range; newText: string }[] }>('xxgkReport/insertSection', { uri, number });
      const ok = await applyServerEdits(uri, r.edits);
      if (ok) await vscode.window.showTextDocument(vscode.Uri.parse(uri));
      return ok;
    }),
    vscode.commands.registerCommand('xxgkReport.insertTemplate', async (kind?: TemplateKind) => {
      const editor = vscode.window.activeTextEditor;
      if (!client || !editor) return false;
      if (!kind) {
        const pick = await vscode.window.showQuickPick(TEMPLATE_PICKS, { placeHolder: '插入年报模板：选择要插入的内容' });
        if (!pick) return false;
        kind = pick.template;
      }
      const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      const r = await client.sendRequest<{ text: string } | null>('xxgkReport/template', { kind, eol });
      if (!r) return false;
      return editor.edit((b) => {
        for (const sel of editor.selections) b.replace(sel, r.text);
      });
    }),
  );

  await client.start();
  context.subscriptions.push(client);
  view.refresh();
  return { structureOf };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
