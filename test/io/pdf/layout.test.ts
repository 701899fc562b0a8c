/**
 * The layout reconstruction on pages built in code (text runs and ruling lines, as extraction
 * gives them): lines and paragraphs joined by geometry, tables with merged cells, a table cut
 * by a page break, page furniture, ambiguous cells and text without a Unicode mapping.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutPages } from '../../../server/src/io/pdf/layout';
import type { PdfPage, Segment, TextRun } from '../../../server/src/io/pdf/model';
import { rulingSegments, type OpCodes } from '../../../server/src/io/pdf/ruling';
import { cleanRunText, normalize } from '../../../server/src/io/pdf/text';
import type { GridTable } from '../../../server/src/core/grid/model';

/** A run as a producer draws it: CJK one em a character, Latin half an em. */
function run(text: string, x: number, y: number, size = 16): TextRun {
  const width = [...text].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? size : size / 2), 0);
  return { text, x, y, width, size };
}

function page(number: number, runs: TextRun[], segments: Segment[] = []): PdfPage {
  return { number, width: 595, height: 842, runs, segments };
}

/** Ruling lines of a grid; `merged` areas (rows r0..r1, columns c0..c1, end exclusive) have no inner lines. */
function grid(xs: number[], ys: number[], merged: { r0: number; c0: number; r1: number; c1: number }[] = []): Segment[] {
  const inside = (r: number, c: number) => merged.find((m) => r >= m.r0 && r < m.r1 && c >= m.c0 && c < m.c1);
  const out: Segment[] = [];
  for (let r = 0; r < ys.length; r++)
    for (let c = 0; c + 1 < xs.length; c++) {
      if (r > 0 && r < ys.length - 1 && inside(r - 1, c) && inside(r - 1, c) === inside(r, c)) continue;
      out.push({ x1: xs[c], y1: ys[r], x2: xs[c + 1], y2: ys[r] });
    }
  for (let c = 0; c < xs.length; c++)
    for (let r = 0; r + 1 < ys.length; r++) {
      if (c > 0 && c < xs.length - 1 && inside(r, c - 1) && inside(r, c - 1) === inside(r, c)) continue;
      out.push({ x1: xs[c], y1: ys[r], x2: xs[c], y2: ys[r + 1] });
    }
  return out;
}

/** Runs placed one after another on a baseline, `gap` points apart. */
function runs(x: number, y: number, pieces: string[], size = 16, gap = 0): TextRun[] {
  const out: TextRun[] = [];
  for (const p of pieces) {
    const r = run(p, x, y, size);
    out.push(r);
    x += r.width + gap;
  }
  return out;
}

const paragraphs = (pages: PdfPage[]) => layoutPages(pages).doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : ['<table>']));
const tables = (pages: PdfPage[]) => layoutPages(pages).doc.blocks.filter((b): b is GridTable => b.kind === 'table');
const texts = (t: GridTable) => t.rows.map((r) => r.map((c) => (c.covered ? `^${c.from}` : c.text)));

// Body text of a page: left edge 80, right edge 520 (27.5 characters of 16 pt).
const L = 80;

test('Chinese lines join without spaces; a first-line indent or a short line ends a paragraph', () => {
  const pages = [
    page(1, [
      run('一、总体情况', L + 32, 100),
      run('本机关认真贯彻落实《中华人民共和国政府信息公开条', L + 32, 130),
      // Justified: the producer spread the characters, pdf.js put spaces between them.
      ...runs(L, 160, ['例 》 ， 全 年 共 主 动 公 开 政 府 信 息', '35', '条，比上'], 16, 5),
      run('年增加 12 条。', L, 190),
      run('二、主动公开政府信息情况', L + 32, 220),
    ]),
  ];
  assert.deepEqual(paragraphs(pages), [
    '一、总体情况',
    '本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年共主动公开政府信息35条，比上年增加12条。',
    '二、主动公开政府信息情况',
  ]);
});

test('Latin words set apart keep one space; a word wrapped to the next line goes on the same paragraph', () => {
  const pages = [
    page(1, [
      run('本报告可在“阳谷县人民政府”网站', L + 32, 100),
      ...runs(L, 130, ['(http://www.yanggu.gov.cn)的专栏中查看，Word', 'and PDF'], 16, 5),
      run('二、主动公开政府信息情况', L + 32, 160),
      // A full line, so the widths of the page are known.
      run('本机关认真贯彻落实《中华人民共和国政府信息公开条例》', L, 190),
    ]),
  ];
  const p = paragraphs(pages);
  assert.equal(p[0], '本报告可在“阳谷县人民政府”网站(http://www.yanggu.gov.cn)的专栏中查看，Word and PDF');
});

test('a title set large wraps onto a centred line and stays one heading; its level comes from its size', () => {
  const doc = layoutPages([
    page(1, [
      run('安乐镇人民政府2023年政府信息公开工作年', 85, 80, 22),
      run('度报告', 267, 110, 22),
      run('本报告根据《中华人民共和国政府信息公开条例》编制。', L + 32, 150),
    ]),
  ]).doc;
  assert.deepEqual(doc.blocks[0], { kind: 'paragraph', text: '安乐镇人民政府2023年政府信息公开工作年度报告', headingLevel: 1 });
  assert.equal(doc.blocks.length, 2);
});

test('radicals a font mapped for ideographs are folded back (Chromium writes ⺠ for 民, ⼈ for 人)', () => {
  assert.equal(normalize('安乐镇⼈⺠政府⼯作'), '安乐镇人民政府工作');
  assert.equal(cleanRunText('⼈⺠').text, '人民');
});

test('page numbers, running headers and the browser print header and footer are dropped', () => {
  const body = (n: number) => [run(`第${n}页的正文，本机关认真贯彻落实《中华人民共和国政府`, L, 120), run('信息公开条例》。', L, 150)];
  const pages = [1, 2, 3].map((n) =>
    page(n, [
      run('12/7/26, 6:21 PM', 20, 20, 8),
      run('某县人民政府办公室', 250, 20, 8),
      ...body(n),
      run(`— ${n} —`, 480, 800, 14),
      run(`第${n}页 共3页`, 250, 815, 9),
      run('https://www.example.gov.cn/art/2024/1/2/art_1.html', 20, 830, 8),
      run(`${n}/3`, 560, 830, 8),
    ]),
  );
  const p = paragraphs(pages);
  assert.deepEqual(
    p,
    [1, 2, 3].map((n) => `第${n}页的正文，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。`),
  );
});

test('a paragraph continued on the next page is one paragraph', () => {
  const pages = [
    page(1, [
      run('本机关认真贯彻落实《中华人民共和国政府信息公开条例', L, 700),
      run('》', L, 730),
      run('本年度主动公开政府信息三十五条，均按时限发布', L + 32, 760),
    ]),
    page(2, [run('并同步在政务新媒体转载。', L, 100)]),
  ];
  // The last line of page 1 is not full: page 2's first line starts a paragraph only when indented.
  const p = paragraphs(pages);
  assert.equal(p[p.length - 1].startsWith('本年度主动公开政府信息三十五条'), true);
  const full = [
    page(1, [
      run('本机关认真贯彻落实《中华人民共和国政府信息公开条例》全年', L, 730),
      run('主动公开政府信息三十五条，均按时限发布并同步转载到新华', L, 760),
    ]),
    page(2, [run('到政务新媒体。', L, 100), run('二、主动公开政府信息情况', L + 32, 130)]),
  ];
  assert.deepEqual(paragraphs(full), [
    '本机关认真贯彻落实《中华人民共和国政府信息公开条例》全年主动公开政府信息三十五条，均按时限发布并同步转载到新华到政务新媒体。',
    '二、主动公开政府信息情况',
  ]);
});

test('a table from its ruling lines: a label merged over rows and a header merged over columns', () => {
  const xs = [80, 200, 280, 360, 440];
  const ys = [300, 320, 340, 360, 380];
  // Row 0: header "申请人情况" over columns 1–3; column 0 rows 1–2: "（三）不予公开" over two rows.
  const segments = grid(xs, ys, [
    { r0: 0, c0: 1, r1: 1, c1: 4 },
    { r0: 1, c0: 0, r1: 3, c1: 1 },
  ]);
  const runs = [
    run('申请人情况', 290, 315, 10),
    run('（三）不予公开', 85, 345, 10),
    run('12', 230, 335, 10),
    run('3', 300, 335, 10),
    run('0', 380, 335, 10),
    run('7', 230, 355, 10),
    run('5', 380, 355, 10),
    run('合计', 85, 375, 10),
    run('19', 230, 375, 10),
  ];
  const [t] = tables([page(1, runs, segments)]);
  assert.deepEqual(texts(t), [
    ['', '申请人情况', '^申请人情况', '^申请人情况'],
    ['（三）不予公开', '12', '3', '0'],
    ['^（三）不予公开', '7', '', '5'],
    ['合计', '19', '', ''],
  ]);
});

test('ruling lines drawn as thin filled rectangles under a scaled matrix (Chromium) make the same table', () => {
  const OPS: OpCodes = {
    save: 10,
    restore: 11,
    transform: 12,
    constructPath: 91,
    paintFormXObjectBegin: 74,
    paintFormXObjectEnd: 75,
    stroke: 20,
    closeStroke: 21,
    fill: 22,
    eoFill: 23,
    fillStroke: 24,
    eoFillStroke: 25,
    closeFillStroke: 26,
    closeEOFillStroke: 27,
  };
  const rect = (x: number, y: number, w: number, h: number) =>
    [OPS.constructPath, [22, [new Float32Array([0, x, y, 1, x + w, y, 1, x + w, y + h, 1, x, y + h, 4])]]] as const;
  // Page space = 0.5 × user space: a 1-unit bar is half a point thick.
  const list = [
    [OPS.save, null],
    [OPS.transform, [0.5, 0, 0, 0.5, 0, 0]],
    rect(0, 0, 400, 1),
    rect(0, 100, 400, 1),
    rect(0, 0, 1, 100),
    rect(399, 0, 1, 100),
    rect(200, 0, 1, 100),
    [OPS.restore, null],
    rect(0, 300, 50, 40),
  ] as const;
  const segments = rulingSegments(
    list.map((x) => x[0]),
    list.map((x) => x[1]),
    OPS,
    [1, 0, 0, 1, 0, 0],
    100,
  );
  assert.equal(segments.length, 5, 'four edges and the middle line; the 50×40 filled area is shading, not a line');
  assert.ok(segments.every((s) => Math.max(s.x1, s.x2) <= 200.5 && Math.max(s.y1, s.y2) <= 50.5));
  const [t] = tables([page(1, [run('甲', 20, 30, 12), run('4', 150, 30, 12)], segments)]);
  assert.deepEqual(texts(t), [['甲', '4']]);
});

test('a table cut by a page break is joined: the repeated header dropped, the cut merged label one cell', () => {
  const xs = [80, 200, 300, 400];
  const head = (y: number) => [run('项目', 85, y + 15, 10), run('自然人', 210, y + 15, 10), run('总计', 310, y + 15, 10)];
  const p1 = page(
    1,
    [
      ...head(600),
      run('三、本年度办理结果', 85, 645, 10),
      run('1', 210, 635, 10),
      run('1', 310, 635, 10),
      run('2', 210, 655, 10),
      run('2', 310, 655, 10),
    ],
    grid(xs, [600, 620, 640, 660], [{ r0: 1, c0: 0, r1: 3, c1: 1 }]),
  );
  // Page 2 repeats the header; the merged label goes on without its text.
  const p2 = page(
    2,
    [
      ...head(100),
      run('3', 210, 135, 10),
      run('3', 310, 135, 10),
      run('四、结转下年度继续办理', 85, 155, 10),
      run('0', 210, 155, 10),
      run('0', 310, 155, 10),
      run('— 2 —', 280, 800, 14),
    ],
    grid(xs, [100, 120, 140, 160]),
  );
  const p1end = { ...p1, runs: [...p1.runs, run('— 1 —', 280, 800, 14)] };
  const ts = tables([p1end, p2]);
  assert.equal(ts.length, 1);
  assert.deepEqual(texts(ts[0]), [
    ['项目', '自然人', '总计'],
    ['三、本年度办理结果', '1', '1'],
    ['^三、本年度办理结果', '2', '2'],
    ['^三、本年度办理结果', '3', '3'],
    ['四、结转下年度继续办理', '0', '0'],
  ]);
  // Without the repeated header the rows join all the same.
  const p2bare = page(
    2,
    p2.runs.slice(3),
    grid(xs, [100, 120, 140]).map((s) => ({ ...s, y1: s.y1 + 20, y2: s.y2 + 20 })),
  );
  assert.deepEqual(texts(tables([p1end, p2bare])[0]).slice(3), [
    ['^三、本年度办理结果', '3', '3'],
    ['四、结转下年度继续办理', '0', '0'],
  ]);
});

test('ambiguous cells are kept as written and noted: two figures in one cell, overlapping characters', () => {
  const xs = [80, 200, 300, 400];
  const segments = grid(xs, [300, 330, 360]);
  const runs = [
    run('自然人', 85, 320, 10),
    run('12', 210, 315, 10),
    run('5', 210, 327, 10),
    run('3', 310, 320, 10),
    // Two different digits drawn at one place.
    run('1', 310, 350, 10),
    run('7', 311, 350, 10),
    // Fake bold: one figure drawn twice, slightly offset, is one figure.
    run('8', 210, 350, 10),
    run('8', 210.4, 350, 10),
    run('其他', 85, 350, 10),
  ];
  const layout = layoutPages([page(1, runs, segments)]);
  const t = layout.doc.blocks.find((b): b is GridTable => b.kind === 'table')!;
  assert.deepEqual(texts(t), [
    ['自然人', '12 5', '3'],
    ['其他', '8', '17'],
  ]);
  const noted = layout.notes.filter((n) => /歧义/.test(n.message.zh)).map((n) => n.text);
  assert.deepEqual(noted, ['第1页表格中的“12 5”', '第1页表格中的“17”']);
});

test('text without a Unicode mapping is left out and named by page; no mojibake in the draft', () => {
  const layout = layoutPages([
    page(1, [run('本机关认真贯彻落实条例。', L, 100)]),
    // Glyph ids taken for code points (a font without ToUnicode), and private-use codes.
    page(2, [run('ЖЗИЙКЛ\u0531\u0532\u0533', L, 100), run('\ue000\ue001\ue002\ue003', L, 130), run('正文继续。', L, 160)]),
  ]);
  const all = layout.doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')).join('');
  assert.equal(/[\u0400-\u058f\ue000-\uf8ff]/.test(all), false, all);
  assert.match(all, /正文继续/);
  const note = layout.notes.find((n) => /ToUnicode/.test(n.message.zh));
  assert.equal(note?.text, '第2页');
});

test('pages without text are listed; the site chrome of a printed web page is dropped', () => {
  const layout = layoutPages([
    page(1, [
      run('首页 > 政务公开 > 政府信息公开年报', L, 60, 10),
      run('某镇人民政府2023年政府信息公开工作年度报告', L, 100, 20),
      run('一、总体情况', L + 32, 140),
      run('网站标识码：3715210001 鲁ICP备05012345号', L, 780, 9),
    ]),
    page(2, []),
  ]);
  assert.deepEqual(layout.textless, [2]);
  assert.deepEqual(
    layout.doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')),
    ['某镇人民政府2023年政府信息公开工作年度报告', '一、总体情况'],
  );
});

test('a row the page break cut in two (no rule below it, none above its rest) is one row again', () => {
  const xs = [80, 200, 300];
  // Page 1: the header row ruled, then a row whose bottom the page cut (the column rules run on).
  const p1 = page(
    1,
    [run('项目', 85, 615, 10), run('总计', 210, 615, 10), run('（二）部分公开（', 85, 635, 10), run('1', 210, 635, 10)],
    [...grid(xs, [600, 620]), ...xs.map((x) => ({ x1: x, y1: 620, x2: x, y2: 700 }))],
  );
  // Page 2: the rest of that row, no rule above it, then a ruled row.
  const p2 = page(
    2,
    [run('只计这一情形）', 85, 85, 10), run('2', 210, 85, 10), run('（三）不予公开', 85, 115, 10), run('0', 210, 115, 10)],
    [...xs.map((x) => ({ x1: x, y1: 60, x2: x, y2: 100 })), ...grid(xs, [100, 120])],
  );
  const layout = layoutPages([p1, p2]);
  const [t] = layout.doc.blocks.filter((b): b is GridTable => b.kind === 'table');
  assert.deepEqual(texts(t), [
    ['项目', '总计'],
    ['（二）部分公开（只计这一情形）', '1 2'],
    ['（三）不予公开', '0'],
  ]);
  // The figure cut in two is not guessed: kept as written and noted.
  assert.ok(layout.notes.some((n) => n.text.includes('1 2')));
});

test('a date at the top of a page is the report’s own (a signature), not the browser’s header', () => {
  const pages = [
    page(1, [run('本机关认真贯彻落实《中华人民共和国政府信息公开条例》。', L, 400)]),
    page(2, [run('12/7/26, 6:54 PM', 24, 22, 8), run('2024年1月18日', 400, 60)]),
  ];
  assert.deepEqual(paragraphs(pages), ['本机关认真贯彻落实《中华人民共和国政府信息公开条例》。', '2024年1月18日']);
});

test('one short line in a heavier face than the body (黑体 among 仿宋) is a heading', () => {
  const body = (text: string, y: number) => ({ ...run(text, L, y), font: 'FangSong_GB2312' });
  const doc = layoutPages([
    page(1, [
      { ...run('其他需要报告的事项', L + 32, 100), font: 'SimHei' },
      body('本机关全年未收取信息处理费，认真贯彻落实《中华人民共和国条例》', 130),
      body('。', 160),
    ]),
  ]).doc;
  assert.deepEqual(doc.blocks[0], { kind: 'paragraph', text: '其他需要报告的事项', headingLevel: 2 });
  assert.equal((doc.blocks[1] as { headingLevel?: number }).headingLevel, undefined);
});

test('a double border (two lines 4 points apart) is one boundary, not a narrow empty row and column', () => {
  const xs = [80, 200, 300];
  const ys = [300, 320, 340];
  const doubled = [
    ...grid(xs, ys),
    { x1: 76, y1: 296, x2: 304, y2: 296 },
    { x1: 76, y1: 296, x2: 76, y2: 344 },
    { x1: 76, y1: 344, x2: 304, y2: 344 },
  ];
  const [t] = tables([page(1, [run('甲', 85, 315, 10), run('1', 210, 315, 10), run('乙', 85, 335, 10), run('2', 210, 335, 10)], doubled)]);
  assert.deepEqual(texts(t), [
    ['甲', '1'],
    ['乙', '2'],
  ]);
});

test('graph paper (a page ruled into thousands of cells) is a drawing, not a table: its text stays text', () => {
  const xs = Array.from({ length: 121 }, (_, i) => 20 + i * 4.6);
  const ys = Array.from({ length: 401 }, (_, i) => 20 + i * 2);
  const segments: Segment[] = [
    ...xs.map((x) => ({ x1: x, y1: ys[0], x2: x, y2: ys[ys.length - 1] })),
    ...ys.map((y) => ({ x1: xs[0], y1: y, x2: xs[xs.length - 1], y2: y })),
  ];
  const layout = layoutPages([page(1, [run('图表说明', 100, 500)], segments)]);
  assert.deepEqual(layout.doc.blocks, [{ kind: 'paragraph', text: '图表说明' }]);
});
