/**
 * The report title broken into lines by meaning (GB/T 9704-2012 §7.3.1: 标题回行时要做到词意
 * 完整，排列对称，长短适宜…使用梯形或菱形): the agency on one line and
 * `YYYY年政府信息公开工作年度报告` on the next, never a break inside a word. An agency longer
 * than the line below it is broken at a place-name or organisation boundary, so that the lines
 * make a trapezoid (each no longer than the next) or a diamond (the middle one longest).
 */
import { emWidth } from './export-text';

/** Ems of 二号 (22 pt) on a line of the 156 mm text block. */
const TITLE_LINE_EM = 20;

/** A place name ends here: 省 市 县 区 旗 盟 镇 乡 街道 苏木, 自治区/州/县, 特别行政区. */
const PLACE_END = /(?:自治区|自治州|自治县|特别行政区|街道|苏木|[省市县区旗盟镇乡])$/;
/** …unless the word goes on: 市场, 市委, 区域, 县级, 市直, 市辖. */
const WORD_GOES_ON = /^[场委域级直辖属]/;
/** An organisation or a bracket ends here. */
const BODY_END = /(?:人民政府|委员会|办公室|办公厅|[）)])$/;
/** A prefix that stands alone: 中华人民共和国, 中共, 中国共产党. */
const PREFIX = /^(?:中华人民共和国|中国共产党|中共)$/;

/** The candidate breaks inside an agency (character offsets): after a place name, an organisation, a bracket. */
function agencyBreaks(agency: string): number[] {
  const out: number[] = [];
  // Two characters at least on each line: a lone 局 or 厅 is not a line.
  for (let at = 2; at <= agency.length - 2; at++) {
    const before = agency.slice(0, at);
    const after = agency.slice(at);
    if (PREFIX.test(before) || BODY_END.test(before) || (PLACE_END.test(before) && !WORD_GOES_ON.test(after))) out.push(at);
  }
  return out;
}

function shapeOk(widths: number[]): boolean {
  const trapezoid = widths.every((w, i) => i === 0 || widths[i - 1] <= w);
  const peak = widths.indexOf(Math.max(...widths));
  const diamond =
    peak > 0 && peak < widths.length - 1 && widths.every((w, i) => (i <= peak ? i === 0 || widths[i - 1] <= w : widths[i - 1] >= w));
  return trapezoid || diamond;
}

/** A line of a broken agency holds this many ems at least (中共 alone is no line). */
const MIN_LINE_EM = 4;

/**
 * The agency in two lines, at the boundary that gives a trapezoid or diamond with the line
 * below and the most balanced lines; undefined when no boundary does (and the agency fits one line).
 */
function splitAgency(agency: string, below: number): string[] | undefined {
  let best: { lines: string[]; score: number } | undefined;
  for (const at of agencyBreaks(agency)) {
    const lines = [agency.slice(0, at), agency.slice(at)];
    const w = lines.map(emWidth);
    if (w.some((x) => x > TITLE_LINE_EM || x < MIN_LINE_EM)) continue;
    // A valid shape first; then balanced lines (a short top line over a longer one).
    const score = (shapeOk([...w, below]) ? 0 : 100) + Math.abs(w[1] - w[0] - 2);
    if (!best || score < best.score) best = { lines, score };
  }
  if (!best || (best.score >= 100 && emWidth(agency) <= TITLE_LINE_EM)) return undefined;
  return best.lines;
}

/** The line without the agency, when it is too long for one line: broken before 政府信息公开. */
function splitRest(rest: string): string[] {
  if (emWidth(rest) <= TITLE_LINE_EM) return [rest];
  const at = rest.indexOf('政府信息公开');
  return at > 1 ? [rest.slice(0, at), rest.slice(at)] : [rest];
}

/** The title's lines, broken by meaning (one line when it has no agency before the year). */
export function titleLines(title: string): string[] {
  const text = title.replace(/\s+/g, (s) => (/[\u4e00-\u9fff]/.test(s) ? '' : ' ')).trim();
  const year = /(?:19|20)\d{2}[ \t]*年/.exec(text);
  if (!year || year.index === 0) {
    // 2024年某镇人民政府政府信息公开工作年度报告: the year first; break before 政府信息公开 when too long.
    return splitRest(text);
  }
  const agency = text.slice(0, year.index).trim();
  const rest = splitRest(text.slice(year.index).trim());
  const below = emWidth(rest[0]);
  if (emWidth(agency) <= below) return [agency, ...rest];
  return [...(splitAgency(agency, below) ?? [agency]), ...rest];
}
