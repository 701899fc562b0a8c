/** Errors of the readers and writers: a clear message for the user (Chinese first), never a stack trace. */
import type { Message } from '../core/message';

export class ImportError extends Error {
  constructor(readonly msg: Message) {
    super(msg.zh);
    this.name = 'ImportError';
  }
}

export const LIMITS = {
  /** Input file size (a web page or a .docx package). */
  maxInputBytes: 50 * 1024 * 1024,
  /** Total uncompressed size of the parts of a .docx we read (a zip bomb stops here, while inflating). */
  maxUnzippedBytes: 64 * 1024 * 1024,
  /** Uncompressed size of one part (document.xml of a real report is well under 5 MB). */
  maxPartBytes: 32 * 1024 * 1024,
  /** Entries of a .docx package's directory (Word writes a few dozen; images add some). */
  maxZipEntries: 10_000,
  /** XML elements of one part (a report has tens of thousands; each costs a few hundred bytes parsed). */
  maxXmlElements: 500_000,
  /** Nesting of XML elements (Word's deepest real nesting is a few dozen). */
  maxXmlDepth: 100,
  /** Elements of a web page (a report page has a few thousand; a parsed element costs about 1 KB). */
  maxHtmlElements: 300_000,
  /**
   * Nesting of a web page's elements: the HTML parser's work per element grows with the depth
   * of open elements, so a page nested 200 000 deep would take hours.
   */
  maxHtmlDepth: 512,
};

export const SAVE_AS_DOCX: Message = {
  zh: '无法读取这种文件：请在 Word 或 WPS 中另存为 .docx 后再导入',
  en: 'This file type cannot be read: save it as .docx in Word or WPS and import that',
};

export function tooLarge(bytes: number): ImportError {
  return new ImportError({
    zh: `文件太大（${(bytes / 1024 / 1024).toFixed(1)} MB，上限 ${LIMITS.maxInputBytes / 1024 / 1024} MB），已拒绝导入`,
    en: `The file is too large (${(bytes / 1024 / 1024).toFixed(1)} MB, limit ${LIMITS.maxInputBytes / 1024 / 1024} MB)`,
  });
}
