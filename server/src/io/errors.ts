/** Errors of the readers and writers: a clear message for the user (Chinese first), never a stack trace. */
export interface IoMessage {
  zh: string;
  en: string;
}

export class ImportError extends Error {
  constructor(readonly msg: IoMessage) {
    super(msg.zh);
    this.name = 'ImportError';
  }
}

export const LIMITS = {
  /** Input file size (a web page or a .docx package). */
  maxInputBytes: 50 * 1024 * 1024,
  /** Total uncompressed size of the parts of a .docx we read (a zip bomb stops here). */
  maxUnzippedBytes: 64 * 1024 * 1024,
};

export const SAVE_AS_DOCX: IoMessage = {
  zh: '无法读取这种文件：请在 Word 或 WPS 中另存为 .docx 后再导入',
  en: 'This file type cannot be read: save it as .docx in Word or WPS and import that',
};

export function tooLarge(bytes: number): ImportError {
  return new ImportError({
    zh: `文件太大（${(bytes / 1024 / 1024).toFixed(1)} MB，上限 ${LIMITS.maxInputBytes / 1024 / 1024} MB），已拒绝导入`,
    en: `The file is too large (${(bytes / 1024 / 1024).toFixed(1)} MB, limit ${LIMITS.maxInputBytes / 1024 / 1024} MB)`,
  });
}
