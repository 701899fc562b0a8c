// Driving the web workbench by keyboard with playwright-core, as a user would: Quick Open,
// Go to Line, the command palette, and finding the 年报表格 editor's page among the webviews.
// Used by scripts/vscode/screenshot.mjs and the test driver (scripts/vscode/driver.mjs).
// Every wait is for something to appear; the timeouts only bound a failure.

/** Opens a file of the workspace through Quick Open (Ctrl+P) and waits for its editor. */
export async function openFile(page, name, timeout = 60_000) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout });
  await page.keyboard.type(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).first().waitFor({ timeout });
  await page.waitForSelector('.editor-instance .monaco-editor .view-lines', { timeout });
}

/** Moves the text cursor with Go to Line (Ctrl+G), 1-based line and column. */
export async function gotoLine(page, line, col = 1, timeout = 30_000) {
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout });
  await page.keyboard.type(`${line}:${col}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout });
}

/** Runs a command through the palette by the first title that matches (the UI language decides). */
export async function runCommand(page, titles) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  for (const title of titles) {
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3000 });
      await row.click();
      return;
    } catch {
      /* try the next title */
    }
  }
  throw new Error(`no command titled ${titles.join(' / ')}`);
}

/** The frame of the 年报表格 editor's page (the webview whose document has the grid), or undefined. */
export async function tableEditorFrame(page) {
  for (const frame of page.frames()) {
    try {
      if (await frame.evaluate(() => !!document.querySelector('main#root') && !!document.getElementById('status'))) return frame;
    } catch {
      /* a frame that went away or is not ready */
    }
  }
  return undefined;
}

/**
 * Waits until the 年报表格 editor's page satisfies `check` (evaluated in it), re-checked each time
 * the page or one of its frames navigates or loads and, between those, on animation frames inside
 * the page (no fixed sleeps). Returns what `check` returned.
 */
export async function waitForTableEditor(page, check, arg, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    const frame = await tableEditorFrame(page);
    if (frame) {
      try {
        const handle = await frame.waitForFunction(check, arg, {
          timeout: Math.min(5_000, Math.max(1, deadline - Date.now())),
          polling: 'raf',
        });
        return await handle.jsonValue();
      } catch (e) {
        last = e;
      }
    } else {
      await page.waitForEvent('framenavigated', { timeout: Math.min(5_000, Math.max(1, deadline - Date.now())) }).catch((e) => (last = e));
    }
  }
  throw new Error(`the table editor's page did not reach the expected state within ${timeout} ms${last ? `: ${last.message}` : ''}`);
}
