/**
 * Realistic report drafts for the benchmark and the fuzz tests: the canonical layout
 * (renderSkeleton), plausible non-zero figures that add up (row totals, (七)总计, the
 * balance of table 三, table 四 totals), and generated Chinese prose in place of the
 * placeholders. Deterministic for a given seed.
 */
import { renderSkeleton } from '../../server/src/core/render';
import { TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_BLOCKS, TABLE4_RESULT_COLUMNS } from '../../server/src/core/template';

/** mulberry32: a small deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Figures for every cell id renderTable asks for, consistent with the arithmetic rules. */
export function plausibleValues(r: Rand): Map<string, string> {
  const v = new Map<string, string>();
  // Table 二.
  v.set('item1.rules.issued', '0');
  v.set('item1.rules.repealed', '0');
  v.set('item1.rules.valid', String(int(r, 0, 3)));
  v.set('item1.normativeDocs.issued', String(int(r, 0, 12)));
  v.set('item1.normativeDocs.repealed', String(int(r, 0, 5)));
  v.set('item1.normativeDocs.valid', String(int(r, 3, 60)));
  v.set('item5.licensing.decisions', String(int(r, 0, 5000)));
  v.set('item6.penalty.decisions', String(int(r, 0, 900)));
  v.set('item6.coercion.decisions', String(int(r, 0, 40)));
  v.set('item8.fees.feeAmount', (r() * 500).toFixed(4));
  // Table 三: item rows first, then totals, carried/forward and new so that each column balances.
  const parts = TABLE3_COLUMNS.filter((c) => c.id !== 'total');
  const rowSum = new Map<string, number>();
  const set3 = (row: string, col: string, n: number) => {
    v.set(`${row}.${col}`, String(n));
    rowSum.set(row, (rowSum.get(row) ?? 0) + n);
  };
  const items = TABLE3_ROWS.filter((x) => x.role === 'item');
  for (const c of parts) {
    const scale = c.id === 'natural' ? 40 : c.id === 'business' ? 8 : 3;
    let total = 0;
    for (const it of items) {
      const n = r() < 0.45 ? int(r, 0, scale) : 0;
      total += n;
      set3(it.id, c.id, n);
    }
    const forward = int(r, 0, Math.max(1, Math.round(scale / 4)));
    const carried = int(r, 0, Math.min(total + forward, Math.max(1, Math.round(scale / 4))));
    set3('total', c.id, total);
    set3('forward', c.id, forward);
    set3('carried', c.id, carried);
    set3('new', c.id, total + forward - carried);
  }
  for (const row of TABLE3_ROWS) v.set(`${row.id}.total`, String(rowSum.get(row.id) ?? 0));
  // Table 四.
  for (const b of TABLE4_BLOCKS) {
    let total = 0;
    for (const c of TABLE4_RESULT_COLUMNS) {
      if (c.id === 'total') continue;
      const n = int(r, 0, b.id === 'review' ? 9 : 4);
      total += n;
      v.set(`${b.id}.${c.id}`, String(n));
    }
    v.set(`${b.id}.total`, String(total));
  }
  return v;
}

const AGENCIES = [
  '云溪县自然资源局',
  '安乐镇人民政府',
  '青山市人民政府',
  '临河区教育局',
  '东湖街道办事处',
  '白石县卫生健康委员会',
  '南岭市生态环境局',
  '柳河县人民政府',
  '西林区市场监督管理局',
  '北川县住房和城乡建设局',
  '长丰乡人民政府',
  '江口市交通运输局',
];

const PLACES = [
  '云溪',
  '青山',
  '临河',
  '白石',
  '南岭',
  '柳河',
  '西林',
  '北川',
  '江口',
  '长丰',
  '桃源',
  '平湖',
  '金沙',
  '石门',
  '安宁',
  '凤台',
];
const BODIES = ['县人民政府', '县教育局', '县财政局', '县自然资源局', '镇人民政府', '县卫生健康委员会', '县生态环境局', '街道办事处'];

/** Distinct agency names for reports in one file (16 × 8 before they repeat). */
export function agencyName(i: number): string {
  return `${PLACES[i % PLACES.length]}${BODIES[Math.floor(i / PLACES.length) % BODIES.length]}`;
}

const OPENINGS = ['全年', '本年度', '报告期内', '一年来', '同时', '此外', '在此基础上', '按照年初工作安排'];
const SUBJECTS = ['本机关', '我局', '我镇', '各股室', '政务公开办公室', '办公室', '各责任单位', '主要负责同志'];
const VERBS = ['认真落实', '严格执行', '持续深化', '扎实推进', '不断完善', '及时更新', '全面梳理', '切实加强', '规范开展', '统筹做好'];
const OBJECTS = [
  '《中华人民共和国政府信息公开条例》',
  '政府信息公开保密审查制度',
  '重点领域信息公开',
  '政策解读和回应关切',
  '政府信息公开指南和目录',
  '依申请公开办理流程',
  '行政规范性文件清理',
  '政府网站信息发布审核',
  '政务新媒体管理',
  '政府信息公开专栏建设',
  '“双随机、一公开”监管信息发布',
  '财政预决算信息公开',
  '重大建设项目批准和实施信息公开',
  '公共资源配置领域信息公开',
];
const RESULTS = [
  '公开各类政府信息{n}条',
  '更新公开指南{n}次',
  '发布政策解读材料{n}篇',
  '回应社会关切{n}次',
  '组织业务培训{n}场次、培训{m}人次',
  '办理群众留言{n}件',
  '开展自查{n}次',
  '通过政务新媒体发布信息{n}条',
  '处理决定{n}件',
  '编制目录{n}项',
];
const CLOSINGS = [
  '取得了较好成效。',
  '群众满意度进一步提升。',
  '为推进法治政府建设提供了有力支撑。',
  '做到应公开尽公开。',
  '切实保障了人民群众的知情权、参与权和监督权。',
];

export function sentence(r: Rand): string {
  const res = pick(r, RESULTS)
    .replace('{n}', String(int(r, 1, 2000)))
    .replace('{m}', String(int(r, 10, 900)));
  return `${pick(r, OPENINGS)}，${pick(r, SUBJECTS)}${pick(r, VERBS)}${pick(r, OBJECTS)}，${res}，${pick(r, CLOSINGS)}`;
}

export function paragraph(r: Rand): string {
  const n = int(r, 2, 5);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(sentence(r));
  return out.join('');
}

/** A short list as drafts write it under 五 (problems and improvements). */
function list(r: Rand): string[] {
  const n = int(r, 2, 4);
  const out: string[] = [];
  for (let i = 1; i <= n; i++) out.push(`${i}. ${sentence(r)}`);
  return out;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export interface DraftOptions {
  seed?: number;
  /** Grow the prose until the report has about this many UTF-8 bytes (at least the skeleton). */
  targetBytes?: number;
  agency?: string;
  year?: number;
}

/**
 * One report in the canonical layout with plausible figures and prose. The prose goes into
 * 一's five sub-topics, 五 and 六; sections 二, 三, 四 keep their tables and one paragraph.
 */
export function generateReport(opts: DraftOptions = {}): string {
  const r = rng(opts.seed ?? 1);
  const year = opts.year ?? 2023;
  const agency = opts.agency ?? pick(r, AGENCIES);
  const values = plausibleValues(r);
  const lines = renderSkeleton({ agency, year, value: (id) => values.get(id) ?? '0' });
  // Placeholder lines become prose slots; the section 三 note is kept.
  const slots: number[] = [];
  lines.forEach((l, i) => {
    if (/^（文字描述/.test(l)) slots.push(i);
  });
  const content: string[][] = slots.map(() => [paragraph(r)]);
  // 五 gets a list as well.
  content[content.length - 2].push(...list(r).map((x, i) => (i === 0 ? `\n${x}` : x)));
  const assemble = () => {
    const out = [...lines];
    for (let k = slots.length - 1; k >= 0; k--) out.splice(slots[k], 1, content[k].join('\n\n'));
    out.push(`${agency}`, '', `${year + 1}年1月${int(rng(year), 10, 28)}日`, '');
    return out.join('\n');
  };
  let text = assemble();
  const target = opts.targetBytes ?? 0;
  if (target > bytes(text)) {
    let have = bytes(text);
    let k = 0;
    while (have < target) {
      const p = paragraph(r);
      content[k % slots.length].push(p);
      have += bytes(p) + 2;
      k++;
    }
    text = assemble();
  }
  return text;
}

/** Several reports in one file, each with its own title. */
export function generateReports(count: number, opts: DraftOptions = {}): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(generateReport({ ...opts, seed: (opts.seed ?? 1) * 1000 + i, agency: agencyName(i) }));
  }
  return out.join('\n');
}
