// Small helpers on the workspace file system, shared by the commands that write files.
import * as vscode from 'vscode';

/** Whether anything (file, folder, link) is at `uri`; through VS Code's file system, so remote folders work too. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
