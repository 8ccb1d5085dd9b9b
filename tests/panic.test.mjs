// A panic never leaves a blank page (issue 9): the overlay explains it in both languages, moves
// focus to itself, and offers "Restore last good state" (the run in the address, up to the
// last user action) and "Reset" (the same view, no run). `test_panic` is a test hook
// (crates/web/src/testhooks.rs) that panics on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, useBrowser } from './support.mjs';

const env = useBrowser();

const clusterState = (page) => page.$$eval('svg.cluster [data-node]', (nodes) =>
  nodes.map((n) => [n.dataset.node, n.dataset.role, n.dataset.term, n.dataset.commit].join(':')).join(' '));
const simTime = async (page) => Number(await page.getAttribute('[data-sim-time-us]', 'data-sim-time-us'));
const leaderOf = (page) => page.getAttribute('.status[data-leader]', 'data-leader');

test('after a panic, Restore brings back the last good state and Reset starts afresh', async () => {
  // paused=1 stays in the address, so the restored run opens paused at the same instant.
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?view=lab&speed=3&seed=9&paused=1&lang=en`);
  await page.waitForSelector('svg.cluster [data-node]');
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => document.querySelector('.status[data-leader]')?.getAttribute('data-leader'), null, { timeout: 60_000 });
  await page.click('[data-action="play"]');
  // User actions while paused: the address now holds the run up to this instant.
  const leader = await leaderOf(page);
  const follower = leader === '1' ? '2' : '1';
  for (const node of [follower, leader]) {
    await page.focus(`svg.cluster [data-node="${node}"]`);
    await page.keyboard.press('Enter');
    await page.click(`[data-menu-node="${node}"] [data-command="stop"]`);
    await page.waitForSelector(`[data-node="${node}"][data-role="stopped"]`);
  }
  await page.waitForFunction(() => location.search.includes('run='));
  const before = { time: await simTime(page), cluster: await clusterState(page), leader: await leaderOf(page) };

  // The deliberate panic: the hook draws the overlay, then the wasm aborts (the call throws).
  const thrown = await page.evaluate(() => { try { window.wasmBindings.test_panic(); return null; } catch (e) { return String(e); } });
  assert.ok(thrown, 'a panic in a release build aborts the call');
  await page.waitForSelector('.panic-overlay[role="alertdialog"]');
  assert.match(await page.textContent('.panic-overlay'), /Something went wrong.*시뮬레이션/s);
  assert.match(await page.textContent('.panic-message'), /deliberate panic/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'panic-restore', 'focus moves to the dialog');
  assert.ok(await page.locator('svg.cluster').isVisible(), 'the page is not blank behind the overlay');
  await screenshot(page, 'panic-overlay');
  const panicErrors = problems.splice(0).filter((p) => !/deliberate panic|unreachable/.test(p));
  assert.deepEqual(panicErrors, [], 'only the panic itself is reported');

  // Restore: the same run at the same instant.
  await Promise.all([page.waitForEvent('load'), page.click('[data-action="panic-restore"]')]);
  await page.waitForSelector('svg.cluster [data-node]');
  assert.equal(await page.locator('.panic-overlay').count(), 0);
  const after = { time: await simTime(page), cluster: await clusterState(page), leader: await leaderOf(page) };
  assert.deepEqual(after, before);
  await screenshot(page, 'panic-restored');

  // Reset: same view, a fresh run (no run in the address, time from zero, nobody stopped).
  await page.evaluate(() => { try { window.wasmBindings.test_panic(); } catch { /* aborts */ } });
  await page.waitForSelector('.panic-overlay');
  problems.splice(0);
  await Promise.all([page.waitForEvent('load'), page.click('[data-action="panic-reset"]')]);
  await page.waitForSelector('svg.cluster [data-node]');
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('view'), 'lab');
  assert.equal(url.searchParams.get('run'), null);
  assert.equal(await page.locator('svg.cluster [data-role="stopped"]').count(), 0);
  await screenshot(page, 'panic-reset');
  assert.deepEqual(problems, []);
  await context.close();
});
