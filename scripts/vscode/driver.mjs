// The test driver: a loopback HTTP endpoint through which the editor-level suite (running in
// VS Code's extension host, see test/vscode/lib/driver.js) asks the runner to use the workbench
// as a user would — press keys, type, measure where the table editor's cells are on the screen —
// and to try a window reload in a second window. The runner hands its URL to the extension host
// in XXGK_DRIVER_URL. Each request is one action; the answer is JSON ({error} with status 500
// when the action failed).

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gotoLine, openFile, runCommand, tableEditorFrame, waitForTableEditor } from './workbench.mjs';

/** What the table editor's page shows, measured in its frame (runs in the page). */
function measure({ keys, labels }) {
  const rect = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    // Covered by a sticky header or label column? Then it is not really in view.
    const top = document.elementFromPoint(x, y);
    return {
      left: r.left,
      top: r.top,
      right: r.right,
      bottom: r.bottom,
      uncovered: !!top && (top === el || el.contains(top) || top.contains(el)),
    };
  };
  const active = document.activeElement;
  const boxes = {};
  for (const key of keys ?? []) boxes[key] = rect(document.querySelector(`input[data-key="${key}"]`));
  const labelBoxes = {};
  for (const text of labels ?? [])
    labelBoxes[text] = rect([...document.querySelectorAll('th')].find((th) => th.getAttribute('title') === text) ?? null);
  return {
    viewport: { width: innerWidth, height: innerHeight },
    focused: active && active.dataset ? (active.dataset.key ?? null) : null,
    value: active && 'value' in active ? active.value : null,
    selection: active && 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : null,
    remembered: document.body.dataset.key ?? null,
    version: Number(document.body.dataset.version ?? -1),
    boxes,
    labelBoxes,
  };
}

/**
 * Starts the driver. It starts before VS Code's server (whose environment carries its URL), so
 * the page, the browser context and the server's port are getters. `reload` also needs
 * `extensionDir`, `workspace` (the suite's folder, where its files are) and `tmp`.
 */
export async function startDriver({ getPage, getContext, getPort, extensionDir, workspace, tmp, log = () => {}, workbenchUrl }) {
  const actions = {
    async press({ keys }) {
      const page = getPage();
      for (const k of keys) await page.keyboard.press(k);
      return { ok: true };
    },
    async type({ text }) {
      await getPage().keyboard.type(text);
      return { ok: true };
    },
    /** The workbench: viewport, side bar width (0 when hidden), the table editor's frame box. */
    async workbench() {
      const page = getPage();
      const sidebar = await page.evaluate(() => {
        const el = document.querySelector('.part.sidebar');
        if (!el || getComputedStyle(el).display === 'none') return 0;
        return el.getBoundingClientRect().width;
      });
      const frame = await tableEditorFrame(page);
      const frameBox = frame ? await (await frame.frameElement()).boundingBox() : null;
      return { viewport: page.viewportSize(), sidebar, frameBox };
    },
    /** Waits for the table editor's page to have `focused` focused (and/or show `version`), then measures it. */
    async table({ keys, labels, focused, version, timeout }) {
      const page = getPage();
      await waitForTableEditor(
        page,
        ({ focused, version }) =>
          (focused === undefined || document.activeElement?.dataset?.key === focused) &&
          (version === undefined || Number(document.body.dataset.version ?? -1) >= version),
        { focused, version },
        timeout ?? 60_000,
      );
      const frame = await tableEditorFrame(page);
      const frameBox = await (await frame.frameElement()).boundingBox();
      return { ...(await frame.evaluate(measure, { keys, labels })), frameBox, page: page.viewportSize() };
    },
    /**
     * A window reload in a second window of the same browser (the suite's own window would lose
     * its extension host): open `file` there, put the cursor at line:column, Ctrl+Alt+T, then
     * reload; reports the table editor's page before and after.
     */
    async reload({ file, line, column, key }) {
      const folder = path.join(tmp, 'reload-workspace');
      fs.mkdirSync(folder, { recursive: true });
      fs.copyFileSync(path.join(workspace, file), path.join(folder, file));
      const page = await getContext().newPage();
      await page.bringToFront();
      try {
        await page.goto(workbenchUrl({ port: getPort(), folder, extensionDevelopmentPath: extensionDir }), {
          waitUntil: 'domcontentloaded',
        });
        await page.waitForSelector('.monaco-workbench .explorer-folders-view', { timeout: 120_000 });
        await openFile(page, file, 120_000);
        // The language server has checked the file once its error shows (the file has one, near `line`).
        await gotoLine(page, line, column);
        await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 120_000 });
        await page.keyboard.press('Control+Alt+T');
        const before = await waitForTableEditor(
          page,
          (key) => document.activeElement?.dataset?.key === key && { key, file: document.getElementById('status')?.textContent },
          key,
          120_000,
        );
        log(`reload check: the grid is open on ${before.key}; reloading the window`);
        // The user's reload (Developer: Reload Window): the workbench saves its state first, then reloads the page.
        const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 120_000 });
        await runCommand(page, ['Reload Window', '重新加载窗口']);
        await reloaded;
        await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
        const after = await waitForTableEditor(
          page,
          (key) =>
            document.body.dataset.key === key &&
            !!document.querySelector(`input[data-key="${key}"]`) && {
              key: document.body.dataset.key,
              file: document.getElementById('status')?.textContent,
              value: document.querySelector(`input[data-key="${key}"]`).value,
            },
          key,
          120_000,
        );
        const tab = await page
          .locator('.tab', { hasText: '年报表格' })
          .count()
          .catch(() => 0);
        return { before, after, tabs: tab };
      } catch (e) {
        const shot = path.join(tmp, 'reload-failure.png');
        await page.screenshot({ path: shot }).catch(() => {});
        throw new Error(`${e && e.message ? e.message : e} (the second window at the failure: ${shot})`, { cause: e });
      } finally {
        await page.close().catch(() => {});
        await getPage()
          .bringToFront()
          .catch(() => {});
      }
    },
  };

  const server = http.createServer((req, res) => {
    const action = (req.url ?? '').replace(/^\//, '');
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const reply = (status, value) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const run = actions[action];
      if (!run) return reply(404, { error: `unknown driver action ${action}` });
      try {
        reply(200, await run(body ? JSON.parse(body) : {}));
      } catch (e) {
        reply(500, { error: String(e && e.stack ? e.stack : e) });
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
