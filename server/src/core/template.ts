/**
 * The official report template (国办公开办函〔2021〕30号), as data, in one place.
 * Parsing, rules, rendering (snippets, fixes) and the outline all read it from here.
 * Labels are the exact official texts; `variants` are forms seen in real reports.
 */
import type { Message } from './message';

export type SectionNumber = 1 | 2 | 3 | 4 | 5 | 6;

export interface SectionTemplate {
  number: SectionNumber;
  numeral: string;
  /** Canonical title without numbering, as in the template (附件). */
  title: string;
  /** Other accepted titles (long forms of the notice body, regional variants). */
  aliases: string[];
  /** Every keyword must appear for a loose match of a numbered line (flagged as a variant). */
  keywords: string[][];
  /** Which statistics table belongs to the section. */
  table?: TableId;
  /** Placeholder body used when the section is inserted. */
  placeholder: string;
}

export type TableId = 'table2' | 'table3' | 'table4';

export const CHINESE_NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export const SECTIONS: readonly SectionTemplate[] = [
  {
    number: 1,
    numeral: '一',
    title: '总体情况',
    aliases: ['总体情况', '政府信息公开工作总体情况', '工作总体情况'],
    keywords: [['总体情况']],
    placeholder: '（文字描述）',
  },
  {
    number: 2,
    numeral: '二',
    title: '主动公开政府信息情况',
    aliases: ['主动公开政府信息情况', '行政机关主动公开政府信息情况', '主动公开政府信息'],
    keywords: [['主动公开', '情况']],
    table: 'table2',
    placeholder: '',
  },
  {
    number: 3,
    numeral: '三',
    title: '收到和处理政府信息公开申请情况',
    aliases: ['收到和处理政府信息公开申请情况', '行政机关收到和处理政府信息公开申请情况'],
    keywords: [
      ['收到', '处理', '申请'],
      ['依申请公开', '情况'],
    ],
    table: 'table3',
    placeholder: '',
  },
  {
    number: 4,
    numeral: '四',
    title: '政府信息公开行政复议、行政诉讼情况',
    aliases: [
      '政府信息公开行政复议、行政诉讼情况',
      '因政府信息公开工作被申请行政复议、提起行政诉讼情况',
      '政府信息公开行政复议和行政诉讼情况',
    ],
    keywords: [['复议', '诉讼']],
    table: 'table4',
    placeholder: '',
  },
  {
    number: 5,
    numeral: '五',
    title: '存在的主要问题及改进情况',
    aliases: ['存在的主要问题及改进情况', '政府信息公开工作存在的主要问题及改进情况'],
    keywords: [
      ['问题', '改进'],
      ['问题', '措施'],
      ['不足', '改进'],
      ['不足', '措施'],
      ['不足', '打算'],
      ['问题', '打算'],
      ['问题', '下一步'],
    ],
    placeholder: '（文字描述）',
  },
  {
    number: 6,
    numeral: '六',
    title: '其他需要报告的事项',
    aliases: ['其他需要报告的事项'],
    keywords: [
      ['其他', '报告', '事项'],
      ['其他', '事项'],
      ['其他', '说明'],
    ],
    placeholder: '（文字描述，收取信息处理费情况在此处报告。）',
  },
];

export function sectionTemplate(n: SectionNumber): SectionTemplate {
  return SECTIONS[n - 1];
}

export function canonicalSectionHeading(n: SectionNumber): string {
  const s = sectionTemplate(n);
  return `${s.numeral}、${s.title}`;
}

/** The five topics of 一、总体情况. */
export interface OverviewTopic {
  number: number;
  title: string;
  /** Normalised phrases; a sub-heading containing one of them covers the topic. */
  matches: string[];
}

export const OVERVIEW_TOPICS: readonly OverviewTopic[] = [
  { number: 1, title: '主动公开', matches: ['主动公开'] },
  { number: 2, title: '依申请公开', matches: ['依申请公开', '依申请'] },
  { number: 3, title: '政府信息管理', matches: ['政府信息管理', '信息管理'] },
  { number: 4, title: '政府信息公开平台建设', matches: ['政府信息公开平台建设', '平台建设'] },
  { number: 5, title: '监督保障', matches: ['监督保障', '监督'] },
];

/** For a people's government, 监督保障 must report these results (条例 第五十条第四项). */
export const OVERSIGHT_RESULT_TERMS = ['工作考核', '社会评议', '责任追究'];

// ---------------------------------------------------------------------------
// Tables

export interface ColumnTemplate {
  id: string;
  label: string;
  /** English name, for the second localisation of messages. */
  en?: string;
  variants?: string[];
  /** Group labels above the column (outermost first), for tables with multi-row headers. */
  groups?: string[];
  /** Values may be decimals (fees in 万元); otherwise counts. */
  decimal?: boolean;
}

export interface RowTemplate {
  id: string;
  label: string;
  variants?: string[];
}

/** Table 二: four blocks, each a small table. */
export interface Table2Block {
  id: string;
  /** 第二十条第（N）项 */
  label: string;
  columns: ColumnTemplate[];
  rows: RowTemplate[];
}

export const TABLE2_FIRST_COLUMN = '信息内容';

export const TABLE2_BLOCKS: readonly Table2Block[] = [
  {
    id: 'item1',
    label: '第二十条第（一）项',
    columns: [
      { id: 'issued', label: '本年制发件数' },
      { id: 'repealed', label: '本年废止件数' },
      { id: 'valid', label: '现行有效件数' },
    ],
    rows: [
      { id: 'rules', label: '规章' },
      { id: 'normativeDocs', label: '行政规范性文件', variants: ['规范性文件'] },
    ],
  },
  {
    id: 'item5',
    label: '第二十条第（五）项',
    columns: [{ id: 'decisions', label: '本年处理决定数量' }],
    rows: [{ id: 'licensing', label: '行政许可' }],
  },
  {
    id: 'item6',
    label: '第二十条第（六）项',
    columns: [{ id: 'decisions', label: '本年处理决定数量' }],
    rows: [
      { id: 'penalty', label: '行政处罚' },
      { id: 'coercion', label: '行政强制' },
    ],
  },
  {
    id: 'item8',
    label: '第二十条第（八）项',
    columns: [
      {
        id: 'feeAmount',
        label: '本年收费金额（单位：万元）',
        decimal: true,
        variants: ['本年收费金额（单位：万元，保留4位小数）', '本年收费金额', '本年收费金额（万元）'],
      },
    ],
    rows: [{ id: 'fees', label: '行政事业性收费' }],
  },
];

/** Table 三: 3 label columns + 7 value columns, 25 rows. */
export const TABLE3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const TABLE3_CORNER = '申请人情况';
export const TABLE3_APPLICANT_GROUP = '法人或其他组织';

export const TABLE3_COLUMNS: readonly ColumnTemplate[] = [
  { id: 'natural', label: '自然人', en: 'natural persons' },
  { id: 'business', label: '商业企业', en: 'businesses', groups: [TABLE3_APPLICANT_GROUP] },
  { id: 'research', label: '科研机构', en: 'research institutions', groups: [TABLE3_APPLICANT_GROUP] },
  {
    id: 'publicInterest',
    label: '社会公益组织',
    en: 'public-interest organisations',
    groups: [TABLE3_APPLICANT_GROUP],
    variants: ['社会组织', '公益组织'],
  },
  { id: 'legal', label: '法律服务机构', en: 'legal service institutions', groups: [TABLE3_APPLICANT_GROUP] },
  { id: 'other', label: '其他', en: 'others', groups: [TABLE3_APPLICANT_GROUP] },
  { id: 'total', label: '总计', en: 'total', variants: ['合计'] },
];

export type Table3Role = 'new' | 'carried' | 'item' | 'total' | 'forward';

export interface Table3Row extends RowTemplate {
  role: Table3Role;
  /** Level-1 label (一、…四、); only on the first row of its block in the canonical layout. */
  level1: string;
  /** Level-2 group label （一）…（七）, if any. */
  group?: string;
  /** Level-3 item label 1.…, if any. */
  item?: string;
}

export interface Table3Group {
  id: string;
  label: string;
  /** The label without its parenthetical note, for messages. */
  short?: string;
  en: string;
  variants?: string[];
  /** Items under the group; empty when the group is itself a data row. */
  items: { label: string; variants?: string[] }[];
}

const RESULTS = '三、本年度办理结果';

export const TABLE3_LEVEL1 = {
  new: { label: '一、本年新收政府信息公开申请数量', en: 'I new requests', variants: ['本年新收政府信息公开申请数量', '本年新收'] },
  carried: { label: '二、上年结转政府信息公开申请数量', en: 'II carried over', variants: ['上年结转政府信息公开申请数量', '上年结转'] },
  results: { label: RESULTS, en: 'III results', variants: ['本年度办理结果', '本年办理结果'] },
  forward: { label: '四、结转下年度继续办理', en: 'IV carried forward', variants: ['结转下年度继续办理', '结转下年度'] },
} as const;

export const TABLE3_GROUPS: readonly Table3Group[] = [
  { id: 'g1', en: '(1) disclosed', label: '（一）予以公开', items: [] },
  {
    id: 'g2',
    en: '(2) partly disclosed',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    short: '（二）部分公开',
    variants: ['（二）部分公开'],
    items: [],
  },
  {
    id: 'g3',
    en: '(3) not disclosed',
    label: '（三）不予公开',
    items: [
      { label: '1.属于国家秘密' },
      { label: '2.其他法律行政法规禁止公开' },
      { label: '3.危及“三安全一稳定”', variants: ['3.危及三安全一稳定'] },
      { label: '4.保护第三方合法权益' },
      { label: '5.属于三类内部事务信息' },
      { label: '6.属于四类过程性信息' },
      { label: '7.属于行政执法案卷' },
      { label: '8.属于行政查询事项' },
    ],
  },
  {
    id: 'g4',
    en: '(4) cannot be provided',
    label: '（四）无法提供',
    items: [{ label: '1.本机关不掌握相关政府信息' }, { label: '2.没有现成信息需要另行制作' }, { label: '3.补正后申请内容仍不明确' }],
  },
  {
    id: 'g5',
    en: '(5) not handled',
    label: '（五）不予处理',
    items: [
      { label: '1.信访举报投诉类申请' },
      { label: '2.重复申请' },
      { label: '3.要求提供公开出版物' },
      { label: '4.无正当理由大量反复申请' },
      { label: '5.要求行政机关确认或重新出具已获取信息' },
    ],
  },
  {
    id: 'g6',
    en: '(6) other handling',
    label: '（六）其他处理',
    items: [
      { label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
      { label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
      { label: '3.其他' },
    ],
  },
  { id: 'g7', en: '(7) total', label: '（七）总计', variants: ['（七）合计'], items: [] },
];

function buildTable3Rows(): Table3Row[] {
  const rows: Table3Row[] = [
    { id: 'new', role: 'new', label: TABLE3_LEVEL1.new.label, level1: TABLE3_LEVEL1.new.label },
    { id: 'carried', role: 'carried', label: TABLE3_LEVEL1.carried.label, level1: TABLE3_LEVEL1.carried.label },
  ];
  for (const g of TABLE3_GROUPS) {
    if (g.items.length === 0) {
      rows.push({
        id: g.id === 'g7' ? 'total' : g.id,
        role: g.id === 'g7' ? 'total' : 'item',
        label: g.label,
        level1: RESULTS,
        group: g.label,
      });
    } else {
      g.items.forEach((item, i) =>
        rows.push({
          id: `${g.id}.${i + 1}`,
          role: 'item',
          label: item.label,
          level1: RESULTS,
          group: g.label,
          item: item.label,
        }),
      );
    }
  }
  rows.push({ id: 'forward', role: 'forward', label: TABLE3_LEVEL1.forward.label, level1: TABLE3_LEVEL1.forward.label });
  return rows;
}

export const TABLE3_ROWS: readonly Table3Row[] = buildTable3Rows();

export function table3Row(id: string): Table3Row {
  const row = TABLE3_ROWS.find((r) => r.id === id);
  if (!row) throw new Error(`unknown table-3 row ${id}`);
  return row;
}

/** Table 四: one data row, 15 value columns in three blocks. */
export const TABLE4_BLOCKS = [
  { id: 'review', label: '行政复议', en: 'administrative review', groups: ['行政复议'] },
  { id: 'direct', label: '未经复议直接起诉', en: 'lawsuits without prior review', groups: ['行政诉讼', '未经复议直接起诉'] },
  { id: 'afterReview', label: '复议后起诉', en: 'lawsuits after review', groups: ['行政诉讼', '复议后起诉'] },
] as const;

export const TABLE4_RESULT_COLUMNS = [
  // Short headers of real reports (维持 | 纠正 | 其他 | 未审结): the same columns, with a column-label warning.
  { id: 'upheld', label: '结果维持', variants: ['维持'] },
  { id: 'corrected', label: '结果纠正', variants: ['纠正'] },
  { id: 'other', label: '其他结果', variants: ['其他'] },
  { id: 'pending', label: '尚未审结', variants: ['未审结'] },
  { id: 'total', label: '总计', variants: ['合计'] },
] as const;

export const TABLE4_COLUMNS: readonly ColumnTemplate[] = TABLE4_BLOCKS.flatMap((b) =>
  TABLE4_RESULT_COLUMNS.map((c) => ({
    id: `${b.id}.${c.id}`,
    label: c.label,
    groups: [...b.groups],
    variants: 'variants' in c ? [...c.variants] : undefined,
  })),
);

// ---------------------------------------------------------------------------
// The superseded 2019 layout (国办公开办函〔2019〕60号), by its fingerprints.

export const OUTDATED_2019 = {
  columnLabels: [
    '本年新制作数量',
    '本年新公开数量',
    '对外公开总数量',
    '上一年项目数量',
    '本年增/减',
    '处理决定数量',
    '采购项目数量',
    '采购总金额',
  ],
  rowLabels: ['其他对外管理服务事项', '政府集中采购'],
  blockLabels: ['第二十条第（九）项'],
  /** In table 三 of 2019, （六）其他处理 is one data row without items. */
  table3SingleRowGroup: 'g6',
  /** Reports for these years rightly used the 2019 layout. */
  validForYears: [2019, 2020],
};

/** Placeholders that mean "no value" in a cell. */
export const BLANK_PLACEHOLDERS = ['', '—', '——', '-', '--', '－', '/', '／', '\\', '无', '空', '/ ', 'N/A', 'n/a', '——'];

/** Units that may follow a number in a cell. */
export const CELL_UNITS = ['件', '个', '条', '项', '起', '宗', '次', '万元', '元'];

/** Report kinds: deadlines and required content depend on them. */
export type ReportKind = 'government' | 'department' | 'township';

/** Publication deadline (month, day) in the year after the report year, by kind. */
export const DEADLINES: Record<ReportKind, { month: number; day: number }> = {
  department: { month: 1, day: 31 },
  township: { month: 1, day: 31 },
  government: { month: 3, day: 31 },
};

export const REPORT_TITLE_PHRASE = '政府信息公开工作年度报告';

/** What each section must contain (format §一 and 条例 第五十条), for the hover on a section title. */
export const SECTION_CONTENTS: Record<SectionNumber, Message> = {
  1: {
    zh: '概述本机关贯彻落实《条例》的情况，主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面；各级人民政府在监督保障中还应报告工作考核、社会评议和责任追究结果情况。重点突出、简明扼要，篇幅原则上不超过一千字。',
    en: 'How the agency implemented the Regulations, covering five topics: proactive disclosure, disclosure on request, information management, disclosure platforms, oversight; people’s governments also report the results of assessment, public evaluation and accountability. Focused and concise, in principle at most 1000 characters.',
  },
  2: {
    zh: '《条例》第二十条第（一）（五）（六）（八）项中适合统计的内容（表二）：规章和行政规范性文件的本年制发、本年废止和现行有效件数；行政许可、行政处罚、行政强制的本年处理决定数量（包括已公开和依法未公开的决定）；行政事业性收费金额（单位：万元）。数据截至本年12月31日。',
    en: 'The countable items of Article 20 (1), (5), (6), (8) (table 2): rules and normative documents issued, repealed and in force; decisions on licensing, penalties and coercive measures (published or not); administrative fees in 10,000 yuan. Figures as at 31 December.',
  },
  3: {
    zh: '申请人情况和每件申请的最终办理结果（表三，25行×7列）；数据准确完整。每一列：第一项加第二项之和，等于第三项加第四项之和。',
    en: 'Who applied and the final result of each request (table 3, 25 rows × 7 columns), accurate and complete. In every column: new + carried over = total handled + carried forward.',
  },
  4: {
    zh: '因政府信息公开工作被申请行政复议和提起行政诉讼的结果（表四，15列），行政诉讼分“未经复议直接起诉”和“复议后起诉”；复议机关作共同被告的案件只计入原行政行为机关。',
    en: 'Results of administrative reviews and lawsuits about disclosure (table 4, 15 columns); lawsuits split into “without prior review” and “after review”; a case with the review body as co-defendant counts only for the original agency.',
  },
  5: {
    zh: '本机关政府信息公开工作存在的具体问题和具体、有效的改进措施（含上一年度问题的改进情况）；实事求是，不得泛泛而谈、敷衍了事或年年雷同。',
    en: 'The concrete problems of the agency’s disclosure work and concrete, effective improvements (including last year’s); factual, not vague, perfunctory or the same every year.',
  },
  6: {
    zh: '本机关认为需要报告的事项和其他文件要求通过年报报告的事项；必须说明按《政府信息公开信息处理费管理办法》收取信息处理费的情况（没有收取也要写明）。',
    en: 'Anything else the agency or other documents require to report; must state the information processing fees collected under the 2020 fee measures (say so if none).',
  },
};
