// Idle work must be zero (issue 9): a paused lab, and a playing lab whose tab is hidden, run
// no timer and request no animation frame. clock.rs owns the page's only frame loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureIdle, openPage, screenshot, useBrowser } from './support.mjs';

const env = useBrowser();

test('no timer or animation frame runs for 5 s paused, nor for 5 s hidden', async () => {
  const { playing, paused, hidden, problems } = await measureIdle(env.browser, env.server.url);
  assert.ok(playing.frames > 10, `the counter sees a playing page's frames: ${JSON.stringify(playing)}`);
  const none = { timeouts: 0, intervals: 0, frames: 0 };
  assert.deepEqual(paused, none, `paused for 5 s, the page still ran ${JSON.stringify(paused)}`);
  assert.deepEqual(hidden, none, `hidden for 5 s, the page still ran ${JSON.stringify(hidden)}`);
  assert.deepEqual(problems, []);
  // A picture of the lab as it stands after resuming, for review.
  const { page, context } = await openPage(env.browser, `${env.server.url}?paused=1`);
  await page.waitForSelector('svg.cluster [data-node]');
  await screenshot(page, 'idle-paused-lab');
  await context.close();
});
