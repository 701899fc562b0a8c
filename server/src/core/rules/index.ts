/** The rule registry: one module a rule, in the order of the catalog (rules.md). */
import type { Rule } from '../rule';
import { sectionMissing } from './section-missing';
import { sectionOrder } from './section-order';
import { sectionDuplicate } from './section-duplicate';
import { sectionTitle } from './section-title';
import { sectionNotHeading } from './section-not-heading';
import { titleMissing } from './title-missing';
import { overviewTopicMissing } from './overview-topic-missing';
import { overviewTooLong } from './overview-too-long';
import { improvementEmpty } from './improvement-empty';
import { feeStatementMissing } from './fee-statement-missing';
import { tableMissing } from './table-missing';
import { tableOutdated } from './table-outdated';
import { rowMissing } from './row-missing';
import { rowUnknown } from './row-unknown';
import { rowLabel } from './row-label';
import { columnMissing } from './column-missing';
import { columnLabel } from './column-label';
import { columnUnknown } from './column-unknown';
import { rowShape } from './row-shape';
import { cellEmpty } from './cell-empty';
import { cellUnit } from './cell-unit';
import { cellNotNumber } from './cell-not-number';
import { cellInvalid } from './cell-invalid';
import { balance } from './balance';
import { resultTotal } from './result-total';
import { rowTotal } from './row-total';
import { reviewTotal } from './review-total';
import { proseMismatch } from './prose-mismatch';
import { reportDate } from './report-date';
import { carryOver } from './carry-over';
import { validCount } from './valid-count';
import { registerMismatch } from './register-mismatch';
import { textPlaceholder } from './text-placeholder';
import { pageFurniture } from './page-furniture';

export const RULES: readonly Rule[] = [
  sectionMissing,
  sectionOrder,
  sectionDuplicate,
  sectionTitle,
  sectionNotHeading,
  titleMissing,
  overviewTopicMissing,
  overviewTooLong,
  improvementEmpty,
  feeStatementMissing,
  tableMissing,
  tableOutdated,
  rowMissing,
  rowUnknown,
  rowLabel,
  columnMissing,
  columnLabel,
  columnUnknown,
  rowShape,
  cellEmpty,
  cellUnit,
  cellNotNumber,
  cellInvalid,
  balance,
  resultTotal,
  rowTotal,
  reviewTotal,
  proseMismatch,
  reportDate,
  carryOver,
  validCount,
  registerMismatch,
  textPlaceholder,
  pageFurniture,
];

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((r) => r.code === code);
}
