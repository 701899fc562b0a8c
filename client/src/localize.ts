/** The server's messages in the language of VS Code's UI. */
import * as vscode from 'vscode';
import { localize, type Message } from '../../server/src/core/message';

/** A Message (Chinese and English) as VS Code shows it: Chinese in a Chinese UI, English otherwise. */
export function uiText(m: Message): string {
  return localize(m, vscode.env.language.startsWith('zh') ? 'zh' : 'en');
}
