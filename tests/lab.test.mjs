// The first page: a live 5-node cluster elects exactly one leader, with no console error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, useBrowser } from './support.mjs';

const env = useBrowser();

/** Simulated time shown by the page, in microseconds. */
async function simTime(page) {
  return Number(await page.getAttribute('[data-sim-time-us]', 'data-sim-time-us'));
}

test('the page loads, shows 5 nodes and elects exactly one leader', async () => {
  // Fast-forward (×16) so the test does not depend on wall-clock speed.
  const { page, context, problems, foreignRequests } = await openPage(env.browser, `${env.server.url}?speed=4`);
  await page.waitForSelector('svg.cluster');
  assert.equal(await page.locator('svg.cluster [data-node]').count(), 5);
  // Within 10 s of simulated time (several election timeouts) a leader must exist.
  await page.waitForFunction(() => {
    const leaders = document.querySelectorAll('svg.cluster [data-role="leader"]').length;
    const t = Number(document.querySelector('[data-sim-time-us]')?.getAttribute('data-sim-time-us'));
    return leaders === 1 || t > 10_000_000;
  }, null, { timeout: 60_000 });
  assert.equal(await page.locator('svg.cluster [data-role="leader"]').count(), 1,
    `expected exactly one leader by ${(await simTime(page)) / 1e6} s of simulated time`);
  await screenshot(page, 'lab-leader-elected');
  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests, []);
  await context.close();
});

test('pause stops simulated time', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?speed=2`);
  await page.waitForSelector('svg.cluster');
  await page.waitForFunction(() => Number(document.querySelector('[data-sim-time-us]').getAttribute('data-sim-time-us')) > 0);
  await page.click('[data-action="play"]');
  const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 200)))));
  await frames();
  const paused = await simTime(page);
  // Several more animation frames later, a paused page has not advanced.
  await frames();
  assert.equal(await simTime(page), paused);
  assert.deepEqual(problems, []);
  await screenshot(page, 'lab-paused');
  await context.close();
});
