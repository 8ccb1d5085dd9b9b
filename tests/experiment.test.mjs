// The §9.3 election experiment in the page: a small run finishes without freezing the page,
// reaches 100 %, draws one CDF curve per range, and its table equals what the native CLI
// prints for the same ranges, trials and seed. Validation errors and Korean labels too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openPage, screenshot, useBrowser } from './support.mjs';

const env = useBrowser();
const root = join(import.meta.dirname, '..');

/** `quorum experiment election --json` for one range, run natively. */
function cli(range, trials, seed) {
  const out = execFileSync('cargo', ['run', '-q', '-p', 'quorum-cli', '--', 'experiment', 'election',
    '--timeout', range, '--trials', String(trials), '--seed', String(seed), '--json'],
  { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out);
}

async function open(lang) {
  const opened = await openPage(env.browser, `${env.server.url}?view=experiment&lang=${lang}`);
  await opened.page.waitForSelector('.experiment[data-state="idle"]');
  return opened;
}

/** Ticks exactly the given bottom-graph ranges and sets trials and seed. */
async function choose(page, ranges, trials, seed) {
  await page.click('.exp-clear');
  for (const r of ranges) await page.check(`.exp-bottom input[data-range="${r}"]`);
  await page.fill('.exp-trials', String(trials));
  await page.fill('.exp-seed', String(seed));
}

test('two ranges × 50 trials: progress reaches 100 %, one curve per range, numbers equal the CLI', async () => {
  const ranges = ['12-24', '25-50'];
  const trials = 50;
  const seed = 7;
  const { page, context, problems, foreignRequests } = await open('en');
  await choose(page, ranges, trials, seed);
  // Keyboard: Enter in the seed field submits the form, which runs.
  await page.focus('.exp-seed');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.experiment[data-state="done"]', { timeout: 120_000 });

  const bar = page.locator('.exp-progress progress');
  assert.equal(await bar.getAttribute('max'), String(ranges.length * trials));
  assert.equal(await bar.getAttribute('value'), String(ranges.length * trials));
  assert.equal(await page.locator('progress').evaluate((p) => p.labels.length), 1, 'the progress bar has a label');
  for (const r of ranges) {
    assert.equal(await page.getAttribute(`.exp-ranges [data-range="${r}"]`, 'data-done'), String(trials));
  }
  assert.equal(await page.locator('.exp-plot path.exp-curve').count(), ranges.length);
  assert.equal(await page.locator('.exp-legend li').count(), ranges.length);
  const perSecond = Number(await page.getAttribute('.exp-speed', 'data-per-second'));
  console.log(`wasm in the page: ${perSecond} trials per second`);
  assert.ok(perSecond > 0);

  for (const r of ranges) {
    const native = cli(r, trials, seed);
    const row = (col) => page.getAttribute(`.exp-table tr[data-range="${r}"] [data-col="${col}"]`, 'data-value');
    for (const [col, key] of [['trials', 'trials'], ['mean', 'mean_ms'], ['median', 'median_ms'], ['p99', 'p99_ms'],
      ['p999', 'p999_ms'], ['min', 'min_ms'], ['max', 'max_ms'], ['split', 'split_vote_rate'], ['capped', 'capped']]) {
      assert.equal(Number(await row(col)), native[key], `${r} ms, ${col}`);
    }
    // The curve has one horizontal step per CDF point the CLI prints.
    const d = await page.getAttribute(`.exp-plot path[data-range="${r}"]`, 'd');
    assert.equal(d.split('H').length - 1, native.cdf.length, `${r} ms, CDF points`);
  }
  await screenshot(page, 'experiment-done');
  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests, []);
  await context.close();
});

test('Cancel stops a run part-way and nothing more runs', async () => {
  const { page, context, problems } = await open('en');
  await page.click('.exp-top .exp-choose');
  await page.fill('.exp-trials', '10000');
  await page.click('.exp-start');
  await page.waitForFunction(() => Number(document.querySelector('.exp-count')?.dataset.done) > 0);
  await page.click('.exp-cancel');
  await page.waitForSelector('.experiment[data-state="cancelled"]');
  const done = await page.getAttribute('.exp-count', 'data-done');
  // A few animation frames later the count has not moved.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
  assert.equal(await page.getAttribute('.exp-count', 'data-done'), done);
  assert.ok(Number(done) < 60_000);
  // The unfinished first range is drawn as it grew, fainter, but has no table row.
  assert.equal(await page.locator('.exp-plot path.exp-curve.exp-partial').count(), 1);
  assert.equal(await page.locator('.exp-table').count(), 0);
  assert.equal(await page.isEnabled('.exp-start'), true);
  assert.deepEqual(problems, []);
  await screenshot(page, 'experiment-cancelled');
  await context.close();
});

test('a bad custom range or trial count is refused with a worded error', async () => {
  const { page, context, problems } = await open('en');
  await page.fill('.exp-custom-min', '300');
  await page.fill('.exp-custom-max', '150');
  await page.click('.exp-add');
  await page.waitForSelector('.exp-custom [role="alert"]:has-text("not above the maximum")');
  assert.equal(await page.getAttribute('.exp-custom-min', 'aria-invalid'), 'true');
  // A valid custom range is added, ticked, and clearing the error.
  await page.fill('.exp-custom-min', '40');
  await page.fill('.exp-custom-max', '60');
  await page.focus('.exp-custom-max');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.exp-custom input[data-range="40-60"]:checked');
  assert.equal(await page.getAttribute('.exp-custom-min', 'aria-invalid'), null);
  await page.fill('.exp-trials', '20000');
  await page.click('.exp-start');
  await page.waitForSelector('.exp-run + [role="alert"]:has-text("10000")');
  assert.equal(await page.getAttribute('.experiment', 'data-state'), 'idle');
  assert.deepEqual(problems, []);
  await screenshot(page, 'experiment-bad-range');
  await context.close();
});

test('Korean labels and errors with ?lang=ko', async () => {
  const { page, context, problems } = await open('ko');
  for (const text of ['Figure 16, 위쪽 그래프', 'Figure 16, 아래쪽 그래프', '범위마다 시행 횟수', '실행', '취소']) {
    assert.ok(await page.locator(`.experiment :text("${text}")`).count() > 0, text);
  }
  await page.fill('.exp-custom-min', 'abc');
  await page.click('.exp-add');
  await page.waitForSelector('.exp-custom [role="alert"]:has-text("밀리초")');
  await choose(page, ['12-24'], 10, 1);
  await page.click('.exp-start');
  await page.waitForSelector('.experiment[data-state="done"]', { timeout: 120_000 });
  assert.ok(await page.locator('.exp-table :text("중앙값")').count() > 0);
  assert.ok(await page.locator('.exp-status:has-text("완료")').count() > 0);
  await screenshot(page, 'experiment-ko');
  assert.deepEqual(problems, []);
  await context.close();
});

test('at phone width in the dark theme nothing overflows sideways', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?view=experiment&lang=en`,
    { viewport: { width: 390, height: 844 }, colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.waitForSelector('.experiment[data-state="idle"]');
  await choose(page, ['12-24', '25-50'], 10, 3);
  await page.click('.exp-start');
  await page.waitForSelector('.experiment[data-state="done"]', { timeout: 120_000 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page is ${width}px wide at a 390px viewport`);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(background, 'rgb(255, 255, 255)');
  await screenshot(page, 'experiment-phone-dark');
  assert.deepEqual(problems, []);
  await context.close();
});
