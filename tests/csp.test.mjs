// The built page carries a Content-Security-Policy that allows nothing beyond its own files
// (issue 9; `cargo xtask dist` adds it, xtask/src/csp.rs), every view works under it, the
// course example still embeds it, and nothing is fetched after load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { distDir, openPage, screenshot, settled, useBrowser } from './support.mjs';

const env = useBrowser();
const dist = process.env.QUORUM_DIST || distDir;

test('index.html carries a strict policy whose script hash matches its only inline script', async () => {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
  assert.ok(policy, 'no Content-Security-Policy <meta>');
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'), 'the policy comes before any script');
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.deepEqual(directives['style-src'], ["'self'"]);
  assert.deepEqual(directives['object-src'], ["'none'"]);
  for (const [name, sources] of Object.entries(directives)) {
    for (const source of sources) {
      assert.ok(!["'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:', 'data:'].includes(source) || (name === 'img-src' && source === 'data:'),
        `${name} allows ${source}`);
      assert.ok(!/^https?:\/\//.test(source), `${name} allows another site: ${source}`);
    }
  }
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.ok(inline.length >= 1);
  const hashes = inline.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'", ...hashes]);
});

const views = [
  ['lab', 'svg.cluster [data-node]'],
  ['quorum', '[data-page="quorum"] .quorum-table'],
  ['ha', 'main svg'],
  ['chooser', 'main.chooser-page'],
  ['experiment', '[role="tab"][data-view="experiment"][aria-selected="true"]'],
  ['lessons', 'main.lessons-page'],
];

test('every view works under the policy: no violation, no request after load', async () => {
  for (const [view, ready] of views) {
    const { page, context, problems, foreignRequests } = await openPage(env.browser, `${env.server.url}?view=${view}&lang=en`);
    await page.waitForSelector(ready, { timeout: 60_000 });
    await page.waitForLoadState('load');
    const later = [];
    // The browser fetches the page's icon by itself, whenever it likes; the page fetches nothing.
    page.on('request', (r) => { if (!/\/favicon-[0-9a-f]+\.svg$/.test(r.url())) later.push(r.url()); });
    // Use the view a little: switch theme and language, draw a few frames.
    await page.click('[data-action="theme"]');
    await page.click('[data-action="lang"]');
    await page.waitForFunction(() => document.documentElement.lang === 'ko');
    await settled(page);
    if (view === 'lab') await screenshot(page, 'csp-lab-ko');
    assert.deepEqual(problems, [], `${view}: console errors or policy violations`);
    assert.deepEqual(foreignRequests, [], `${view}: requests to other origins`);
    assert.deepEqual(later, [], `${view}: requests after load`);
    await context.close();
  }
});

test('the course example still embeds the page under its policy', async () => {
  const { page, context, problems, foreignRequests } = await openPage(env.browser, `${env.server.url}course-example.html`);
  for (const id of ['quorum', 'election']) {
    const frame = page.frameLocator(`#${id}`);
    await frame.locator('main.lessons-page').waitFor({ timeout: 60_000 });
  }
  await page.click('[data-frame="quorum"] [data-command="goto-step"][data-step="2"]');
  await page.frameLocator('#quorum').locator('main.lessons-page[data-step="2"]').waitFor();
  await screenshot(page, 'csp-course-example');
  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests, []);
  await context.close();
});
