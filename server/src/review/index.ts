/**
 * The review of a region's reports (issue 17): the API of the review bundle (dist/review.js),
 * loaded by `xxgk-report review` on first use so that `check` never pays for the workbook
 * writer. The worker it starts is dist/review-worker.js (server/src/review/worker.ts).
 */
export { runReview, summarize } from './run';
export type { Progress, ReviewOptions, ReviewOutcome } from './run';
export { OUTPUT_FILES } from './outputs/index';
export { DEFAULT_REVIEW_SETTINGS, DEFAULT_SCORING, MIN_RANKED } from './config';
export type { ReviewSettings, Scoring, ScoringEntry } from './config';
export { RESULT_LABELS, STATUS_LABELS } from './types';
export type { FileStatus, FindingRow, ReportRecord, ReportResult, ReportSummary } from './types';
export { defaultJobs } from './pool';
