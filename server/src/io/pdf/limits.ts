/**
 * Bounds of the PDF reader: work and memory follow what the file really holds, never what it
 * claims. A report has a handful of pages, a few thousand text runs and a few hundred lines.
 */
export const PDF_LIMITS = {
  /** Pages read; a file claiming more is refused (the page tree's count is not trusted further). */
  maxPages: 300,
  /** Text runs taken from one page (the text stream is cancelled past it). */
  maxRunsPerPage: 20_000,
  /** Drawing operators taken from one page (the operator stream is cancelled past it). */
  maxOperatorsPerPage: 200_000,
  /** Ruling lines kept from one page (tables are found among them in about their square). */
  maxSegmentsPerPage: 5_000,
  /** Characters of text over the whole document. */
  maxChars: 2_000_000,
  /** Largest image pdf.js may decode (pixels): images carry no text, so none is decoded. */
  maxImagePixels: 1,
};
