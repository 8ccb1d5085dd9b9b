// The quorum explorer: the sizing table comes from the model, failing and splitting
// members changes the verdict, and the page switches to Korean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, useBrowser } from './support.mjs';

const env = useBrowser();

const verdict = (page) => page.getAttribute('[data-verdict]', 'data-verdict');

async function open() {
  const opened = await openPage(env.browser, `${env.server.url}?view=quorum&lang=en`);
  await opened.page.waitForSelector('[data-page="quorum"] .quorum-table');
  return opened;
}

test('the table shows majority and failures tolerated for 1 to 9 members', async () => {
  const { page, context, problems, foreignRequests } = await open();
  assert.equal(await page.locator('.quorum-table tbody tr').count(), 9);
  const cell = (n, col) => page.textContent(`tr[data-members="${n}"] [data-col="${col}"]`);
  assert.equal(await cell(5, 'majority'), '3');
  assert.equal(await cell(5, 'tolerated'), '2');
  assert.equal(await cell(4, 'tolerated'), '1');
  assert.equal(await cell(3, 'tolerated'), '1');
  await screenshot(page, 'quorum-table');
  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests, []);
  await context.close();
});

test('failing 2 of 5 keeps a majority, failing 3 loses it (keyboard only)', async () => {
  const { page, context, problems } = await open();
  await page.click('[data-size="5"]');
  assert.equal(await page.locator('[data-member]').count(), 5);
  assert.equal(await verdict(page), 'majority');
  // Keyboard: focus a member button and press Enter / Space.
  await page.focus('[data-member="0"]');
  await page.keyboard.press('Enter');
  await page.focus('[data-member="1"]');
  await page.keyboard.press('Space');
  await page.waitForSelector('[data-member="1"][data-state="failed"]');
  assert.equal(await verdict(page), 'majority');
  await screenshot(page, 'quorum-5-two-failed');
  await page.click('[data-member="2"]');
  await page.waitForSelector('[data-verdict="no-majority"][data-reason="too-many-failed"]');
  await screenshot(page, 'quorum-5-three-failed');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a 3/3 split has no majority, a 4/3 split has one', async () => {
  const { page, context, problems } = await open();
  await page.click('[data-size="6"]');
  await page.click('[data-mode="split"]');
  for (const m of [3, 4, 5]) await page.click(`[data-member="${m}"]`);
  await page.waitForSelector('[data-verdict="no-majority"][data-reason="split"]');
  assert.equal(await page.locator('[data-member][data-side="b"]').count(), 3);
  await screenshot(page, 'quorum-6-split-3-3');
  // Growing to 7 keeps side B (members 4–6); the new member 7 joins side A: 4/3.
  await page.click('[data-size="7"]');
  await page.waitForSelector('[data-verdict="majority"]');
  assert.equal(await page.getAttribute('.quorum-sides li[data-side="a"]', 'data-has-majority'), 'true');
  assert.equal(await page.getAttribute('.quorum-sides li[data-side="b"]', 'data-has-majority'), 'false');
  await screenshot(page, 'quorum-7-split-4-3');
  assert.deepEqual(problems, []);
  await context.close();
});

test('dark theme: the explorer renders with no console error', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?view=quorum&lang=ko`, { colorScheme: 'dark' });
  await page.waitForSelector('[data-page="quorum"] .quorum-table');
  await page.click('[data-member="0"]');
  await page.waitForSelector('[data-member="0"][data-state="failed"]');
  await screenshot(page, 'quorum-dark-korean');
  assert.deepEqual(problems, []);
  await context.close();
});

test('switching to Korean shows Korean text', async () => {
  const { page, context, problems } = await open();
  await page.click('[data-action="lang"]');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  const text = await page.textContent('[data-page="quorum"]');
  assert.match(text, /과반수/);
  assert.match(await page.textContent('[data-verdict]'), /[가-힣]/);
  await screenshot(page, 'quorum-korean');
  assert.deepEqual(problems, []);
  await context.close();
});
