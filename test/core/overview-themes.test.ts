/**
 * overview-topic-missing by content (issue 21.5): real reports give the five aspects of 一
 * themed sub-headings (“健全制度，规范运行”, “拓展渠道，建强阵地”, “压实责任，强化考核”) instead of
 * the topic names; such a sub-topic counts for 政府信息管理 / 平台建设 / 监督保障 when its text,
 * taken together, is about that aspect. Realistic variants (written for this test, not the
 * held-out reports), with the exact findings asserted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/index';
import { overviewCoverage } from '../../server/src/core/rules/overview-topic-missing';
import { fixture, findingsOf } from './util';

const TOWN = fixture('clean/town-2024.md');

/** The town report with section 一 replaced by `body`. */
function withOverview(body: string): string {
  const next = TOWN.replace(/(## 一、总体情况\n\n)[\s\S]*?(\n\n## 二)/, `$1${body.trim()}$2`);
  if (next === TOWN) throw new Error('section 一 not found');
  return next;
}

/** The topics reported missing, and whether the oversight results are. */
function missing(text: string): string[] {
  return findingsOf(analyze(text), 'overview-topic-missing').map((f) => /未找到“([^”]+)”方面/.exec(f.message)?.[1] ?? 'oversight');
}

const PROACTIVE = `### （一）聚焦群众关切，抓好主动公开

全年通过镇政府信息公开专栏主动公开政府信息236条，公开行政许可决定15件、行政处罚决定8件。`;

const REQUESTS = `### （二）依法规范办理，做好依申请公开

全年共收到政府信息公开申请12件，办结12件，均在法定期限内答复。`;

const MANAGEMENT = `### （三）健全制度，规范运行

严格落实“先审后发”要求，信息发布前由经办人、科室负责人、分管领导逐级审核。

对照基层政务公开标准目录逐项梳理公开事项，动态调整主动公开目录。`;

const PLATFORMS = `### （四）拓展渠道，建强阵地

以县政府门户网站镇政府信息公开专栏为第一平台，及时更新各栏目内容。

用好“青石发布”微信公众号，同步推送惠民政策和办事指南；村务公开栏每季度更新一次。`;

const OVERSIGHT = `### （五）压实责任，强化考核

将政务公开工作纳入对各站所和村的年度绩效考核，全年组织业务培训2次。

邀请群众代表开展社会评议，评议结果为满意；全年未发生责任追究情况。`;

test('themed sub-headings count for the aspect their text is about, across its paragraphs', () => {
  const text = withOverview([PROACTIVE, REQUESTS, MANAGEMENT, PLATFORMS, OVERSIGHT].join('\n\n'));
  assert.deepEqual(missing(text), []);
  const coverage = overviewCoverage(analyze(text).model.reports[0].section[1]!);
  assert.deepEqual(
    coverage.map((c) => c.heading?.text.replace(/^（.）/, '').slice(0, 4)),
    ['聚焦群众', '依法规范', '健全制度', '拓展渠道', '压实责任'],
  );
});

test('a themed sub-topic about something else does not count: the aspect it replaced is missing', () => {
  const interpretation = `### （三）加强解读，回应关切

围绕重要政策文件开展图文解读6篇，主要负责同志带头解读，及时回应群众关切。`;
  assert.deepEqual(missing(withOverview([PROACTIVE, REQUESTS, interpretation, PLATFORMS, OVERSIGHT].join('\n\n'))), ['政府信息管理']);
  // Platforms themed as 阵地 but written about training and appraisal: 平台建设 is missing, not covered twice.
  const misplaced = `### （四）拓展渠道，建强阵地

全年组织政务公开业务培训2次，将培训情况纳入年度考核。`;
  assert.deepEqual(missing(withOverview([PROACTIVE, REQUESTS, MANAGEMENT, misplaced, OVERSIGHT].join('\n\n'))), ['政府信息公开平台建设']);
});

test('a themed heading alone, with one content word, is not enough; the heading words and one signal are', () => {
  // 制度/规范 in the heading and one management signal in the text: counts.
  const oneSignal = `### （三）健全制度，规范运行

严格执行保密审查制度，未发生泄密情况。`;
  assert.deepEqual(missing(withOverview([PROACTIVE, REQUESTS, oneSignal, PLATFORMS, OVERSIGHT].join('\n\n'))), []);
  // A heading with no aspect in its words, and one signal only: not enough.
  const vague = `### （三）强化落实，提升实效

严格执行保密审查制度，未发生泄密情况。`;
  assert.deepEqual(missing(withOverview([PROACTIVE, REQUESTS, vague, PLATFORMS, OVERSIGHT].join('\n\n'))), ['政府信息管理']);
});

test('a people’s government: the themed oversight sub-topic is read for 考核, 评议 and 追究', () => {
  const county = (overview: string) =>
    withOverview(overview)
      .replace('青石镇人民政府2024年', '青石县人民政府2024年')
      .replace(/青石镇人民政府\n/, '青石县人民政府\n');
  assert.deepEqual(missing(county([PROACTIVE, REQUESTS, MANAGEMENT, PLATFORMS, OVERSIGHT].join('\n\n'))), []);
  const noReview = OVERSIGHT.replace('邀请群众代表开展社会评议，评议结果为满意；', '');
  assert.deepEqual(missing(county([PROACTIVE, REQUESTS, MANAGEMENT, PLATFORMS, noReview].join('\n\n'))), ['oversight']);
  // The template's placeholder names all three results, and reports none of them.
  const placeholder = '### （五）监督保障\n\n（文字描述，含工作考核、社会评议和责任追究结果情况。）';
  assert.deepEqual(missing(county([PROACTIVE, REQUESTS, MANAGEMENT, PLATFORMS, placeholder].join('\n\n'))), ['oversight']);
});
