/**
 * The server's tableGrid answers, cached per document version: the table editor, the status
 * bar item and edits from the grid share one request per version.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { TableGridRequest, type TableGridParams, type TableGridResult } from '../../server/src/protocol';
import type { GridStrings } from './grid-view';

export class GridStore {
  private readonly cache = new Map<string, { version: number; result: Promise<TableGridResult | null> }>();

  constructor(private readonly client: () => BaseLanguageClient | undefined) {}

  /** The grid of the document's current version (the server answers for the version it has; the client syncs before asking). */
  get(doc: vscode.TextDocument): Promise<TableGridResult | null> {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version) return hit.result;
    const result = this.fetch(doc);
    this.cache.set(key, { version: doc.version, result });
    return result;
  }

  /** The cached grid if it is for the current version, without asking. */
  peek(doc: vscode.TextDocument): Promise<TableGridResult | null> | undefined {
    const hit = this.cache.get(doc.uri.toString());
    return hit && hit.version === doc.version ? hit.result : undefined;
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  private async fetch(doc: vscode.TextDocument): Promise<TableGridResult | null> {
    const c = this.client();
    if (!c) return null;
    try {
      const params: TableGridParams = { uri: doc.uri.toString() };
      return await c.sendRequest(TableGridRequest, params);
    } catch {
      this.cache.delete(doc.uri.toString());
      return null;
    }
  }
}

export function gridStrings(): GridStrings {
  const t = vscode.l10n.t;
  return {
    tableName: { table2: t('Table 2'), table3: t('Table 3'), table4: t('Table 4') },
    balance: t('Balance: I + II = III + IV'),
    resultTotal: t('(7) Total = sum of the results'),
    rowTotal: t('Total column = sum of the six applicant columns'),
    blockTotal: t('Total = upheld + corrected + other + pending'),
    newPlusCarried: t('I+II'),
    totalPlusForward: t('III+IV'),
    itemsSum: t('Results'),
    resultTotalCell: t('(7) Total'),
    applicantsSum: t('Applicants'),
    totalColumn: t('Total'),
    resultsSum: t('Results'),
  };
}
