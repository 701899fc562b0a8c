/**
 * Reports known beside the one being checked (the workspace, or the CLI's arguments),
 * keyed by agency and year, so that a report can be compared with the same agency's
 * previous-year report.
 */
import type { ReportIndex } from './analyze';
import { scanLayout } from './layout';
import { LineIndex } from './lines';
import { DocumentModel, ReportModel, buildModel, readTitle } from './model';
import { foldWidth } from './normalize';

export function agencyKey(agency: string | undefined): string | undefined {
  if (!agency) return undefined;
  return foldWidth(agency).replace(/[“”"'《》]/g, '');
}

interface Entry {
  uri: string;
  agency: string;
  year: number;
  /** Loaded lazily: the text is read and parsed only when a comparison needs it. */
  load: () => string | undefined;
  model?: DocumentModel;
}

/** A cheap look at the first lines: the title gives agency and year (the line scan only, no Markdown parse). */
export function peekTitle(head: string): { agency: string; year: number } | undefined {
  const title = scanLayout(new LineIndex(head.slice(0, 4096)))[0]?.title;
  const t = title && readTitle(title);
  const agency = agencyKey(t?.agency);
  return t?.year && agency ? { agency, year: t.year } : undefined;
}

export class ReportSet implements ReportIndex {
  private readonly entries = new Map<string, Entry>();

  /** Register a file by its first lines; `load` gives its full text when needed. */
  add(uri: string, head: string, load: () => string | undefined): boolean {
    const t = peekTitle(head);
    if (!t) {
      this.entries.delete(uri);
      return false;
    }
    this.entries.set(uri, { uri, ...t, load });
    return true;
  }

  /** A document whose model is at hand (an open editor). */
  addModel(uri: string, model: DocumentModel): void {
    const t = model.reports[0]?.title;
    const agency = agencyKey(t?.agency);
    if (!t?.year || !agency) {
      this.entries.delete(uri);
      return;
    }
    this.entries.set(uri, { uri, agency, year: t.year, load: () => model.text, model });
  }

  remove(uri: string): void {
    this.entries.delete(uri);
  }

  get size(): number {
    return this.entries.size;
  }

  previous(report: ReportModel): (ReportModel & { text: string; uri?: string }) | undefined {
    const agency = agencyKey(report.title?.agency);
    const year = report.title?.year;
    if (!agency || !year) return undefined;
    for (const e of this.entries.values()) {
      if (e.agency !== agency || e.year !== year - 1) continue;
      if (!e.model) {
        const text = e.load();
        if (text === undefined) continue;
        e.model = buildModel(text);
      }
      const r = e.model.reports.find((x) => agencyKey(x.title?.agency) === agency && x.title?.year === year - 1);
      if (r) return { ...r, text: e.model.text, uri: e.uri };
    }
    return undefined;
  }

  /** Forget parsed models of files (they are re-read on the next comparison). */
  invalidate(uri: string): void {
    const e = this.entries.get(uri);
    if (e) e.model = undefined;
  }
}
