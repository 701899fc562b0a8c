/** The import pipeline's pure part: grid model, pasted-text reader and the template mapper. */
export * from './model';
export { readPlainText } from './text';
export { mapDocument } from './mapper';
export type { MapOptions, MapResult, UnmappedItem } from './mapper';
