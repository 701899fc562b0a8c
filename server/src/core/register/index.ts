/** The request register → table 三 (issue 18): reading rows, counting, checking. Pure. */
export * from './types';
export { classifyAnswer } from './answers';
export { classifyApplicant } from './applicants';
export { readDate, isoDate, dayNumber } from './dates';
export { readRegister } from './read';
export { leftOutRows, tallyRegister } from './tally';
export { addWorkingDays, describeProblems, tallyAndCheck } from './checks';
export { tallyJson, tallyMarkdown } from './output';
