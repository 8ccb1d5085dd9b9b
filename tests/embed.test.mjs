// Embedding: the example course page (dist/course-example.html) frames two lessons, drives
// one with postMessage commands and receives its events; invalid commands are ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, useBrowser } from './support.mjs';

const env = useBrowser();

const WAIT = { timeout: 60_000 };

test('a course page drives an embedded lesson and receives its events', async () => {
  const opened = await openPage(env.browser, `${env.server.url}course-example.html`);
  const { page } = opened;
  const quorum = page.frameLocator('#quorum');
  const election = page.frameLocator('#election');
  await quorum.locator('main.lessons-page[data-lesson="etcd-quorum"][data-step="1"]').waitFor();
  await election.locator('main.lessons-page[data-lesson="etcd-election"][data-step="1"]').waitFor();
  // Embed mode: no header or tabs, the lesson list hidden, the second frame in Korean.
  assert.equal(await quorum.locator('header.top').isVisible(), false);
  assert.equal(await quorum.locator('[data-action="all-lessons"]').count(), 0);
  assert.equal(await election.locator('html').getAttribute('lang'), 'ko');
  await page.waitForSelector('#events li[data-frame="quorum"][data-type="step-shown"][data-step="1"]');

  // The parent's button sends {source: "quorum-host", command: "goto-step", step: 2}.
  await page.click('[data-frame="quorum"] button[data-command="goto-step"][data-step="2"]');
  await quorum.locator('main.lessons-page[data-step="2"]').waitFor();
  await page.waitForSelector('#events li[data-frame="quorum"][data-type="step-shown"][data-step="2"]');

  // The student answers the prediction, so the lesson runs on.
  await quorum.locator('.predict button[data-choice="2"]').click();
  await quorum.locator('.controls [data-action="play"][aria-pressed="true"]').waitFor();
  // Messages outside the protocol are ignored: wrong source, extra keys, bad steps, unknown
  // commands. A valid command sent after them shows they were processed and dropped.
  await page.evaluate(() => {
    const w = document.getElementById('quorum').contentWindow;
    const o = window.location.origin;
    w.postMessage({ source: 'evil', command: 'goto-step', step: 1 }, o);
    w.postMessage({ source: 'quorum-host', command: 'goto-step', step: 1, extra: true }, o);
    w.postMessage({ source: 'quorum-host', command: 'goto-step', step: 99 }, o);
    w.postMessage({ source: 'quorum-host', command: 'goto-step', step: '1' }, o);
    w.postMessage({ source: 'quorum-host', command: 'run', step: 1 }, o);
    w.postMessage({ source: 'quorum-host', command: 'explode' }, o);
    w.postMessage('goto-step 1', o);
    w.postMessage(['quorum-host', 'goto-step', 1], o);
    w.postMessage({ source: 'quorum-host', command: 'pause' }, o);
  });
  await quorum.locator('.controls [data-action="play"][aria-pressed="false"]').waitFor();
  assert.equal(await quorum.locator('main.lessons-page').getAttribute('data-step'), '2');
  assert.equal(await quorum.locator('.predict').getAttribute('data-answered'), 'true');
  await page.click('[data-frame="quorum"] button[data-command="run"]');
  await quorum.locator('.controls [data-action="play"][aria-pressed="true"]').waitFor();

  // The student does step 2 inside the frame; the parent hears "step-completed".
  await quorum.locator('button[data-action="stop"]').first().click();
  await page.waitForSelector('#events li[data-frame="quorum"][data-type="quorum-lost"]', WAIT);
  await quorum.locator('[data-action="write"]').click();
  await quorum.locator('.task[data-task-done="true"]').waitFor(WAIT);
  await page.waitForSelector('#events li[data-frame="quorum"][data-type="step-completed"][data-step="2"]', WAIT);
  // The election frame elected a leader after its prediction and said so.
  await election.locator('.predict button[data-choice="1"]').click();
  await page.waitForSelector('#events li[data-frame="election"][data-type="leader-elected"]', WAIT);
  await page.waitForSelector('#events li[data-frame="election"][data-type="step-completed"][data-step="1"]', WAIT);
  // Reset replays the step: two members up again.
  await page.click('[data-frame="quorum"] button[data-command="reset"]');
  await quorum.locator('.predict[data-answered="false"]').waitFor();
  assert.equal(await quorum.locator('button[data-action="restart"]').count(), 1);

  await screenshot(page, 'embed-course-example');
  assert.deepEqual(opened.problems, []);
  assert.deepEqual(opened.foreignRequests, []);
  await opened.context.close();
});

test('embed mode, hidden and locked controls, forced theme, and the snippet', async () => {
  const opened = await openPage(env.browser,
    `${env.server.url}?view=lessons&lesson=etcd-quorum&step=1&embed=1&theme=dark&hide=export,steps&lock=nodes&lang=en`);
  const { page } = opened;
  await page.waitForSelector('main.lessons-page[data-step="1"]');
  assert.equal(await page.getAttribute('html', 'data-embed'), '1');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await page.locator('header.top').isVisible(), false);
  assert.equal(await page.locator('[data-action="export"]').count(), 0);
  assert.equal(await page.locator('[data-action="step-next"]').count(), 0);
  await page.click('.predict button[data-choice="1"]');
  await page.waitForSelector('.predict[data-answered="true"]');
  assert.equal(await page.locator('button[data-action="stop"]:not(:disabled)').count(), 0);
  const snippet = await page.inputValue('[data-snippet]');
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?view=lessons&amp;lesson=etcd-quorum&amp;step=1&amp;lang=en&amp;embed=1"/);
  await screenshot(page, 'embed-dark-locked');
  assert.deepEqual(opened.problems, []);
  assert.deepEqual(opened.foreignRequests, []);
  await opened.context.close();
});
