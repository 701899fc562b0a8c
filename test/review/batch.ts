/**
 * A region's batch built in code for the review tests: Markdown drafts, a Word file and a web
 * page made with our exporters, a corrupt .docx, a .doc, the same report twice, two consecutive
 * years of one agency whose carry-over does not match, a unit's report copied from another
 * unit's, a cover letter sent instead of a report, a report without its title, a README that is
 * no report, and a link back to the folder. Nothing big is stored.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportDocx, exportHtml } from '../../server/src/io/index';
import { agencyName, generateReport, rng } from '../helpers/draft';
import { makePdf } from '../io/pdf/make-pdf';

const FIXTURES = join(__dirname, '..', 'fixtures');

export interface Batch {
  root: string;
  /** The folder reviewed. */
  dir: string;
  /** File names (relative to dir) by role. */
  files: {
    clean: string;
    seed: string;
    docx: string;
    html: string;
    corrupt: string;
    doc: string;
    original: string;
    duplicate: string;
    year2022: string;
    year2023: string;
    source: string;
    copy: string;
    letter: string;
    untitled: string;
    pdf: string;
    scan: string;
    readme: string;
  };
  agencies: { docx: string; html: string; source: string; copy: string };
}

export async function makeBatch(): Promise<Batch> {
  const root = mkdtempSync(join(tmpdir(), 'xxgk-review-batch-'));
  const dir = join(root, '收到的报告');
  mkdirSync(join(dir, '乡镇'), { recursive: true });
  mkdirSync(join(dir, '部门'), { recursive: true });
  const agencies = { docx: '桃源镇人民政府', html: '平湖县教育局', source: '金沙县财政局', copy: '石门县财政局' };
  const files: Batch['files'] = {
    clean: '乡镇/凤台镇-2023.md',
    seed: '乡镇/seed-001.md',
    docx: '乡镇/桃源镇-2023.docx',
    html: '部门/平湖县教育局-2023.html',
    corrupt: '部门/损坏的报告.docx',
    doc: '部门/旧格式.doc',
    original: '部门/安宁县卫生健康委员会-2023.md',
    duplicate: '部门/安宁县卫生健康委员会-2023（再次报送）.md',
    year2022: '部门/云溪县自然资源局-2022.md',
    year2023: '部门/云溪县自然资源局-2023.md',
    source: '部门/金沙县财政局-2023.md',
    copy: '部门/石门县财政局-2023.md',
    letter: '部门/报送函.txt',
    untitled: '乡镇/无标题.md',
    pdf: '乡镇/长丰乡-2023.pdf',
    scan: '乡镇/扫描件.pdf',
    readme: 'README.md',
  };
  const put = (name: string, data: string | Uint8Array) => writeFileSync(join(dir, name), data);
  put(files.clean, generateReport({ seed: 11, agency: '凤台镇人民政府', year: 2023 }));
  put(files.seed, readFileSync(join(FIXTURES, 'seeds', 'seed-001.md')));
  put(files.docx, await exportDocx(generateReport({ seed: 12, agency: agencies.docx, year: 2023 })));
  put(files.html, exportHtml(generateReport({ seed: 13, agency: agencies.html, year: 2023 })));
  // A zip header and then nothing of a Word package.
  put(files.corrupt, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(300, 7)]));
  put(files.doc, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array<number>(200).fill(0)]));
  const original = generateReport({ seed: 14, agency: '安宁县卫生健康委员会', year: 2023 });
  put(files.original, original);
  put(files.duplicate, original);
  put(files.year2022, readFileSync(join(FIXTURES, 'rules', 'cross-year', '云溪县自然资源局-2022.md')));
  put(files.year2023, readFileSync(join(FIXTURES, 'rules', 'cross-year', '云溪县自然资源局-2023.md')));
  const source = generateReport({ seed: 15, agency: agencies.source, year: 2023 });
  put(files.source, source);
  // Another unit's report with the name changed: the prose is the same.
  put(files.copy, source.split(agencies.source).join(agencies.copy));
  // A cover letter sent instead of the report.
  put(
    files.letter,
    '关于报送我局年度报告的函\n\n县政务公开办：\n\n现将我局年度报告报送给你们，请审核。\n\n平湖县交通运输局\n2024年1月20日\n',
  );
  // Sections and tables, but no title line: no agency, no year.
  put(files.untitled, generateReport({ seed: 16, agency: '长丰乡人民政府', year: 2023 }).replace(/^# .*\n/, ''));
  // A PDF with a text layer (the title and one section) and a scan (a page that is a picture).
  put(
    files.pdf,
    makePdf([
      {
        texts: [
          { x: 72, y: 80, text: '长丰乡人民政府2023年政府信息公开工作年度报告', size: 18 },
          { x: 72, y: 130, text: '一、总体情况', size: 14 },
          { x: 72, y: 160, text: '全年主动公开政府信息一百二十条。' },
        ],
      },
    ]),
  );
  put(files.scan, makePdf([{ image: true }]));
  put(files.readme, '# 说明\n\n这个文件夹存放各单位报送的年度报告。\n');
  // A link back to the folder itself: walked once.
  symlinkSync('..', join(dir, '乡镇', '上一级'));
  return { root, dir, files, agencies };
}

const COMMON =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你能而子那得于着下自之年过发后作里如家多方部面机关工作信息公开政府申请办理制度规范服务群众建设管理推进落实加强完善开展组织实施监督检查保障提升';

/**
 * A report whose prose is its own (words drawn from a wide pool of characters, as unrelated
 * real reports share little more than the template), for batches where only the copies planted
 * on purpose should look alike: the canonical tables and sections of generateReport, new prose.
 */
export function regionReport(i: number, year = 2023): string {
  const text = generateReport({ seed: 5000 + i, agency: agencyName(i), year });
  const r = rng(90_000 + i);
  const word = () =>
    Array.from({ length: 2 + Math.floor(r() * 2) }, () =>
      r() < 0.5 ? COMMON[Math.floor(r() * COMMON.length)] : String.fromCharCode(0x4e00 + Math.floor(r() * 0x4000)),
    ).join('');
  const sentence = () => `${Array.from({ length: 6 + Math.floor(r() * 8) }, word).join('')}。`;
  return text
    .split('\n')
    .map((line) =>
      /^[^#|>\s]/.test(line) && line.length > 40 && !line.startsWith('本报告') ? Array.from({ length: 3 }, sentence).join('') : line,
    )
    .join('\n');
}
