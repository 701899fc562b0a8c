/** Invariants of the design: a pure core, one rule per module with its page, generated files current. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../server/src/core/index';
import { generatedFiles, ruleModules } from '../../scripts/generate';

const ROOT = join(__dirname, '..', '..');
const CORE = join(ROOT, 'server', 'src', 'core');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

test('nothing in the core imports an editor, LSP, file-system or network module', () => {
  for (const f of sources(CORE)) {
    const text = readFileSync(f, 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const i of imports) {
      assert.ok(
        !/^(vscode|vscode-languageserver|vscode-languageclient|vscode-jsonrpc|node:|fs$|net$|http|child_process)/.test(i),
        `${f} imports ${i}`,
      );
    }
  }
});

test('every rule has a unique code, its own module and a documentation page beside it', () => {
  const codes = RULES.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const code of codes) {
    assert.ok(existsSync(join(CORE, 'rules', `${code}.ts`)), `${code}.ts`);
    const page = readFileSync(join(CORE, 'rules', `${code}.md`), 'utf8');
    for (const part of ['## 检查什么', '## 为什么', '## 错误示例', '## 修正示例', 'English:'])
      assert.ok(page.includes(part), `${code}.md: ${part}`);
  }
});

test('the registry is the folder: every rule module, in catalog order, and nothing else', () => {
  const modules = ruleModules();
  assert.deepEqual(
    RULES.map((r) => r.code),
    modules.map((m) => m.rule.code),
  );
  const catalog = RULES.map((r) => r.catalog);
  assert.deepEqual(
    catalog,
    [...catalog].sort((a, b) => a - b),
  );
  assert.equal(new Set(catalog).size, catalog.length, 'one catalog number a rule');
  // A module beside the rules that holds none is a helper: it has no page.
  const helpers = readdirSync(join(CORE, 'rules')).filter((f) => f.endsWith('.ts') && !modules.some((m) => `${m.file}.ts` === f));
  for (const f of helpers) assert.ok(!existsSync(join(CORE, 'rules', f.replace(/\.ts$/, '.md'))), `${f} has a page but exports no rule`);
  // The settings of VS Code list every rule, with its description in both languages.
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.deepEqual(
    Object.keys(manifest.contributes.configuration.properties['xxgkReport.rules'].properties),
    RULES.map((r) => r.code),
  );
});

test('snippets, grammar and schema are generated from the template and up to date', () => {
  for (const [file, text] of Object.entries(generatedFiles())) {
    assert.equal(readFileSync(join(ROOT, file), 'utf8'), text, `${file} is stale: run npm run generate`);
  }
});

test('the custom requests are declared once, typed, in protocol.ts, and used by their declarations on both sides', () => {
  const protocol = readFileSync(join(ROOT, 'server', 'src', 'protocol.ts'), 'utf8');
  const declared = [...protocol.matchAll(/^export const (\w+(?:Request|Notification)) = (.*)$/gm)];
  assert.ok(declared.length >= 10, 'the requests of protocol.ts');
  for (const [, name, init] of declared)
    assert.match(
      init,
      /^new (RequestType|NotificationType)<.+, void>\('xxgkReport\/\w+'\);$|^new NotificationType<.+>\('xxgkReport\/\w+'\);$/,
      name,
    );
  const sides = [...sources(join(ROOT, 'client', 'src')), ...sources(join(ROOT, 'server', 'src'))].filter(
    (f) => !f.endsWith('protocol.ts'),
  );
  for (const f of sides) {
    const text = readFileSync(f, 'utf8');
    // A method name written out, a descriptor's bare method or a result type given by hand bypasses the types.
    assert.doesNotMatch(text, /'xxgkReport\/\w+'/, `${f} writes a method name; use the declaration of protocol.ts`);
    assert.doesNotMatch(text, /\b(sendRequest|onRequest|sendNotification|onNotification)(<[^(]*>)?\(\w+\.method\b/, `${f} passes .method`);
    assert.doesNotMatch(text, /\bsendRequest</, `${f} gives a request's result type by hand`);
    if (/\b(sendRequest|onRequest)\(/.test(text)) assert.doesNotMatch(text, /as never\b|as unknown as/, `${f} casts around a request`);
  }
  const server = readFileSync(join(ROOT, 'server', 'src', 'server.ts'), 'utf8');
  const client = sides
    .filter((f) => f.includes(join('client', 'src')))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  for (const [, name] of declared) {
    assert.match(server, new RegExp(`connection\\.onRequest\\(${name},`), `server.ts handles ${name}`);
    assert.match(client, new RegExp(`sendRequest\\(${name},`), `the client sends ${name}`);
  }
});

test('one of each: one file reader, one text decoder, one message type', () => {
  const SERVER = join(ROOT, 'server', 'src');
  const files = [...sources(SERVER), ...sources(join(ROOT, 'client', 'src'))];
  // Every file read goes through input.ts, save two kinds of the program's own storage: the loader
  // (boot/) reads its bundles and code cache before any module loads, and the review's scratch
  // folder (review/spool.ts) reads back what the review wrote.
  // (The client reads the review's page through VS Code's file system, workspace.fs, as a client should.)
  const readers = files.filter((f) =>
    /\b(readFileSync|readSync|createReadStream|(?<!workspace\.fs\.)readFile)\(|from 'node:fs\/promises'/.test(readFileSync(f, 'utf8')),
  );
  assert.deepEqual(
    readers.filter((f) => !f.startsWith(join(SERVER, 'boot'))).map((f) => f.slice(ROOT.length + 1)),
    [join('server', 'src', 'input.ts'), join('server', 'src', 'review', 'spool.ts')],
  );
  const decoders = files.filter((f) => /\bTextDecoder\b|\bstrFromU8\b|toString\('utf(8|16le)'/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(
    decoders.filter((f) => !f.startsWith(join(SERVER, 'boot'))).map((f) => f.slice(ROOT.length + 1)),
    [join('server', 'src', 'encoding.ts')],
  );
  // A type of its own: an inline `{ zh: string; en: string }` or an interface member `zh: string;`.
  const messageTypes = files.filter((f) => /\{\s*zh: string[;,]\s*en: string|^\s+zh: string;$/m.test(readFileSync(f, 'utf8')));
  assert.deepEqual(
    messageTypes.map((f) => f.slice(ROOT.length + 1)),
    [join('server', 'src', 'core', 'message.ts')],
  );
});

test('every CLI command goes through the report service and the one reader', () => {
  const CLI = join(ROOT, 'server', 'src', 'cli');
  const table = readFileSync(join(ROOT, 'server', 'src', 'cli.ts'), 'utf8');
  const commands = [...table.matchAll(/import \{ (\w+) \} from '\.\/cli\/([\w-]+)';/g)].filter(([, , file]) => file !== 'args');
  assert.ok(commands.length >= 9, 'the commands of cli.ts');
  for (const [, , file] of commands) {
    const text = readFileSync(join(CLI, `${file}.ts`), 'utf8');
    if (file === 'review') {
      // A batch over a pool of workers: each worker reads through input.ts and imports and checks
      // through its createReportService.
      const worker = readFileSync(join(ROOT, 'server', 'src', 'review', 'worker.ts'), 'utf8');
      for (const use of [/\bcreateReportService\(/, /\.importBytes\(/, /\breadInputFile\(/, /\breadFileBytes\(/]) assert.match(worker, use);
      assert.doesNotMatch(worker, /\bio\(\)/);
      continue;
    }
    // openFiles (cli/common.ts) reads through input.ts and makes the one createReportService of the command.
    assert.match(text, /\bopenFiles\(/, `${file}.ts`);
    assert.doesNotMatch(text, /createReportService|core\(\)\.(analyze|buildModel|renderTemplate|formatEdits)\b/, `${file}.ts`);
  }
  const common = readFileSync(join(CLI, 'common.ts'), 'utf8');
  assert.match(common, /createReportService\(/);
  assert.match(common, /readInputFile\(/);
});
