// Shared harness for the browser tests: a static server for dist/ on loopback and
// Debian's headless Chromium driven by playwright-core (never a downloaded browser).
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const distDir = join(here, '..', 'dist');
export const screenshotDir = join(here, 'screenshots');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
};

/** Serves dist/ on 127.0.0.1 at a free port; resolves to { url, close }. */
export async function serveDist(root = distDir) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * Launches Debian's Chromium headless with the flags this closed network needs.
 * playwright's launch() gives every browser a fresh temporary profile of its own.
 */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

/**
 * Opens a page and records console errors (Content-Security-Policy violations included),
 * uncaught exceptions and every request that leaves the test server, so tests can assert that
 * none happened. `initScripts` run in the page before any of its own scripts.
 */
export async function openPage(browser, url, options = {}, { initScripts = [] } = {}) {
  const context = await browser.newContext(options);
  // A Content-Security-Policy violation becomes a console error, so every test that asserts
  // no console error also asserts that the page broke none of its own policy.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  for (const script of initScripts) await context.addInitScript(script);
  const page = await context.newPage();
  const problems = [];
  const foreignRequests = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  const origin = new URL(url).origin;
  page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreignRequests.push(r.url()); });
  await page.goto(url);
  return { page, context, problems, foreignRequests };
}

export async function screenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Starts the static server and the browser before a test file's tests and stops them after.
 * Serves `root` if given, else `QUORUM_DIST` (another built dist/), else dist/.
 */
export function useBrowser(root) {
  const env = {};
  before(async () => {
    env.server = await serveDist(root || process.env.QUORUM_DIST || undefined);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Init script: counts the timer and animation-frame callbacks that actually run, in
 * `window.__idle` ({ timeouts, intervals, frames }); `window.__idle.reset()` zeroes them.
 * Wrapping the globals before the page's own scripts catches wasm-bindgen's calls too.
 */
export function countTimersScript() {
  const counts = { timeouts: 0, intervals: 0, frames: 0 };
  Object.defineProperty(window, '__idle', {
    value: Object.assign(counts, { reset() { counts.timeouts = 0; counts.intervals = 0; counts.frames = 0; } }),
  });
  const wrap = (name, key) => {
    const original = window[name];
    window[name] = function (callback, ...rest) {
      if (typeof callback !== 'function') return original.call(window, callback, ...rest);
      return original.call(window, function (...args) { counts[key] += 1; return callback.apply(this, args); }, ...rest);
    };
  };
  wrap('setTimeout', 'timeouts');
  wrap('setInterval', 'intervals');
  wrap('requestAnimationFrame', 'frames');
}

/**
 * Makes the page hidden as a background tab is: `document.hidden` true, `visibilityState`
 * "hidden", and a `visibilitychange` event. Headless Chromium driven by playwright keeps every
 * page visible (playwright emulates focus; neither a second tab in front, a minimized window
 * nor CDP's lifecycle states change it, tried in Chromium 156), so the page's view of its
 * visibility is overridden instead. The page really keeps rendering, so any frame it still
 * requested would run and be counted: stricter than a real background tab, which the browser
 * throttles. `showPage` undoes it.
 */
export function hidePage(page) {
  return page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

export function showPage(page) {
  return page.evaluate(() => {
    delete document.visibilityState;
    delete document.hidden;
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

const simTimeOf = (page) => page.evaluate(() => Number(document.querySelector('[data-sim-time-us]')?.getAttribute('data-sim-time-us')));

/** Counts the timer and frame callbacks that run during `ms` of wall time (nothing else runs). */
async function countDuring(page, ms) {
  // Zero the counts once the work already queued (microtasks, one timer turn) is done.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)).then(() => window.__idle.reset()));
  await new Promise((r) => setTimeout(r, ms));
  return page.evaluate(() => ({ timeouts: window.__idle.timeouts, intervals: window.__idle.intervals, frames: window.__idle.frames }));
}

/**
 * Idle work of the lab: timer and animation-frame callbacks during `ms` paused, then during
 * `ms` hidden while playing. A fixed wait is the point here: nothing may happen in it.
 * Returns { playing (1 s, to show the counter counts), paused, hidden, problems }; it also
 * waits for simulated time to advance again once visible.
 */
export async function measureIdle(browser, baseUrl, ms = 5000) {
  const { page, context, problems } = await openPage(browser, `${baseUrl}?speed=2&seed=3`, {},
    { initScripts: [countTimersScript] });
  await page.waitForSelector('svg.cluster [data-node]');
  await page.waitForFunction(() => Number(document.querySelector('[data-sim-time-us]')?.getAttribute('data-sim-time-us')) > 0);
  await page.click('[data-action="play"]');
  await page.waitForSelector('[data-action="play"][aria-pressed="false"]').catch(() => {});
  const paused = await countDuring(page, ms);
  // Playing again, then hidden: the clock must stop by itself.
  await page.click('[data-action="play"]');
  const before = await simTimeOf(page);
  await page.waitForFunction((t) => Number(document.querySelector('[data-sim-time-us]').getAttribute('data-sim-time-us')) > t, before);
  // The counter's own check: playing, the page does draw frames.
  const playing = await countDuring(page, 1000);
  await hidePage(page);
  const hidden = await countDuring(page, ms);
  const whileHidden = await simTimeOf(page);
  await showPage(page);
  await page.waitForFunction((t) => Number(document.querySelector('[data-sim-time-us]').getAttribute('data-sim-time-us')) > t, whileHidden);
  await context.close();
  return { playing, paused, hidden, problems };
}

/** Waits until the page has drawn two more animation frames (rendering settled). */
export function settled(page) {
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
