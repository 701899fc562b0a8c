/** The request register → table 三 (issue 18): reading rows, counting, checking. Pure. */
export * from './types';
export { ANSWER_WORDINGS, classifyAnswer, groupOf, isAnswerKey } from './answers';
export { APPLICANT_WORDINGS, classifyApplicant } from './applicants';
export { COLUMN_SYNONYMS, findHeader } from './columns';
export { readDate, isoDate, dayNumber } from './dates';
export { readRegister, type ReadRegister, type ReadRow } from './read';
export { countingBasis, leftOutRows, tallyFigures, tallyRead, tallyRegister } from './tally';
export { addWorkingDays, calendarKnows, describeProblems, registerChecks, tallyAndCheck } from './checks';
export { tallyJson, tallyMarkdown } from './output';
export { registerSchema, validateRegisterSetting, type RegisterSetting } from './config';
