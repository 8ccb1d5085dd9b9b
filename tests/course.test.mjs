// Course material: the infrastructure chooser and the guided lessons, driven as a student
// would (mouse and keyboard), in English and Korean. Every wait is on a data-* attribute the
// page sets; no test sleeps on the wall clock. QUORUM_DIST may point at another built dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, useBrowser } from './support.mjs';

const env = useBrowser();

const WAIT = { timeout: 60_000 };

async function finish(opened, name) {
  const { page, context, problems, foreignRequests } = opened;
  await screenshot(page, name);
  assert.deepEqual(problems, [], 'no console errors or exceptions');
  assert.deepEqual(foreignRequests, [], 'no request leaves the test server');
  await context.close();
}

test('the chooser ranks kubeadm first on-premises and kops first for production on AWS', async () => {
  const opened = await openPage(env.browser, `${env.server.url}?view=chooser&lang=en`);
  const { page } = opened;
  await page.waitForSelector('main.chooser-page');
  await page.check('input[data-place="on-premises"]');
  await page.waitForSelector('main.chooser-page[data-place="on-premises"]');
  assert.equal(await page.getAttribute('.recs li[data-rank="1"]', 'data-way'), 'kubeadm');
  // Keyboard: arrows move through a radio group like any native one.
  await page.focus('input[data-purpose="learning"]');
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('main.chooser-page[data-purpose="dev-test"]');
  await page.check('input[data-purpose="production"]');
  await page.check('input[data-place="aws"]');
  await page.waitForSelector('main.chooser-page[data-purpose="production"][data-place="aws"]');
  assert.equal(await page.getAttribute('.recs li[data-rank="1"]', 'data-way'), 'kops');
  assert.equal(await page.getAttribute('main.chooser-page', 'data-top'), 'kops');
  // Production is highly available: three masters, and a way to the HA view.
  assert.equal(await page.getAttribute('svg.shape-diagram', 'data-masters'), '3');
  assert.equal(await page.locator('[data-action="open-ha"]').count(), 1);
  // Picking minikube for learning draws a single node.
  await page.check('input[data-purpose="learning"]');
  await page.check('input[data-place="laptop-linux"]');
  await page.click('.recs [data-action="pick"][data-way="minikube"]');
  await page.waitForSelector('svg.shape-diagram[data-masters="1"][data-workers="0"]');
  // Side by side: kops versus EKS differ in who provisions and maintains.
  await page.selectOption('[data-input="compare-a"]', 'kops');
  await page.selectOption('[data-input="compare-b"]', 'eks');
  await page.waitForSelector('.chooser-compare[data-compared="true"] .compare-table');
  assert.ok(await page.locator('.compare-table tr[data-differs="true"]').count() >= 2);
  // The master sizing table follows the node count.
  await page.fill('[data-input="cluster-nodes"]', '120');
  await page.press('[data-input="cluster-nodes"]', 'Enter');
  await page.waitForSelector('.sizing-table tr[data-selected="true"]');
  assert.match(await page.textContent('.sizing-table tr[data-selected="true"]'), /101–250/);
  await finish(opened, 'course-chooser');
});

/** The leader's id as the lesson's status line reports it ('' when none). */
const leaderOf = (page) => page.getAttribute('.stage .status', 'data-leader');

async function stopSomeFollower(page) {
  const leader = await leaderOf(page);
  const follower = page.locator(`button[data-action="stop"]:not([data-node-id="${leader}"])`).first();
  await follower.click();
}

async function waitDone(page) {
  await page.waitForSelector('.task[data-task-done="true"]', WAIT);
}

async function next(page, step) {
  await page.click('[data-action="step-next"]');
  await page.waitForSelector(`main.lessons-page[data-step="${step}"]`);
}

async function answer(page, choice) {
  await page.click(`.predict button[data-choice="${choice}"]`);
  await page.waitForSelector('.predict[data-answered="true"]');
}

/** Plays the whole etcd-quorum lesson; works in either language (only data-* is read). */
async function playEtcdQuorum(page) {
  await page.waitForSelector('main.lessons-page[data-lesson="etcd-quorum"][data-step="1"]');
  // Step 1: predict first (the simulation waits), then stop one member: a leader remains.
  assert.equal(await page.locator('button[data-action="stop"]:disabled').count(), 3);
  await answer(page, 1);
  await page.waitForFunction(() => document.querySelector('.stage .status')?.dataset.leader !== '', null, WAIT);
  await stopSomeFollower(page);
  await waitDone(page);
  // Step 2: one member is already down; stop another and write: quorum lost, write fails.
  await next(page, 2);
  await answer(page, 2);
  await page.locator('button[data-action="stop"]').first().click();
  await page.waitForSelector('.stage .status[data-quorum-lost="true"]', WAIT);
  await page.click('[data-action="write"]');
  await waitDone(page);
  // Step 3: two members down; restart one: quorum regained and a leader elected.
  await next(page, 3);
  assert.equal(await page.locator('button[data-action="restart"]').count(), 2);
  await page.locator('button[data-action="restart"]').first().click();
  await waitDone(page);
  // Step 4: four members tolerate one failure: stop two and the quorum is lost.
  await next(page, 4);
  await answer(page, 1);
  await page.locator('button[data-action="stop"]').first().click();
  await page.locator('button[data-action="stop"]').first().click();
  await waitDone(page);
  // Step 5: predict the partition's outcome, then heal it and let the minority catch up.
  await next(page, 5);
  await answer(page, 1);
  await page.click('[data-action="heal"]');
  await waitDone(page);
  for (const s of [1, 2, 3, 4, 5]) {
    assert.equal(await page.getAttribute(`[data-goto-step="${s}"]`, 'data-step-done'), 'true', `step ${s} done`);
  }
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('quorum.course.progress')));
  assert.deepEqual(saved.lessons['etcd-quorum'].done, [0, 1, 2, 3, 4]);
}

test('a student completes the etcd-quorum lesson in English', async () => {
  const opened = await openPage(env.browser, `${env.server.url}?view=lessons&lesson=etcd-quorum&step=1&lang=en&speed=4`);
  await playEtcdQuorum(opened.page);
  assert.equal(await opened.page.getAttribute('html', 'lang'), 'en');
  assert.match(await opened.page.textContent('.task'), /Task done/);
  await finish(opened, 'course-lesson-etcd-quorum-en');
});

test('a student completes the etcd-quorum lesson in Korean', async () => {
  const opened = await openPage(env.browser, `${env.server.url}?view=lessons&lesson=etcd-quorum&step=1&lang=ko&speed=4`);
  await playEtcdQuorum(opened.page);
  assert.equal(await opened.page.getAttribute('html', 'lang'), 'ko');
  assert.match(await opened.page.textContent('.task'), /과제를 완료했습니다/);
  assert.match(await opened.page.textContent('#step-title'), /[가-힣]/);
  await finish(opened, 'course-lesson-etcd-quorum-ko');
});

test('the lesson list opens a lesson; the election lesson checks its tasks live', async () => {
  const opened = await openPage(env.browser, `${env.server.url}?view=lessons&lang=ko&speed=4`);
  const { page } = opened;
  await page.click('[data-action="open-lesson"][data-lesson="etcd-election"]');
  await page.waitForSelector('main.lessons-page[data-lesson="etcd-election"][data-step="1"]');
  // Nothing runs until the prediction is answered; its reveal then runs to a leader.
  await answer(page, 1);
  await waitDone(page);
  await next(page, 2);
  await answer(page, 2);
  await page.click(`button[data-action="stop"][data-node-id="${await leaderOf(page)}"]`);
  await page.waitForSelector('.goal[data-goal="leader-changed"][data-met="true"]', WAIT);
  await screenshot(page, 'course-lesson-etcd-election-ko');
  assert.deepEqual(opened.problems, []);
  assert.deepEqual(opened.foreignRequests, []);
  await opened.context.close();
});

test('a deep link opens a step directly with its setup replayed', async () => {
  const opened = await openPage(env.browser, `${env.server.url}?view=lessons&lesson=etcd-quorum&step=3&lang=en&speed=4`);
  const { page } = opened;
  await page.waitForSelector('main.lessons-page[data-lesson="etcd-quorum"][data-step="3"]');
  await page.waitForSelector('[data-goto-step="3"][aria-current="step"]');
  // The jump script stopped two of the three members.
  assert.equal(await page.locator('button[data-action="restart"]').count(), 2);
  assert.equal(await page.getAttribute('.stage .status', 'data-quorum-lost'), 'true');
  assert.equal(await page.getAttribute('[data-deep-link]', 'href'), '?view=lessons&lesson=etcd-quorum&step=3&lang=en');
  // Moving on keeps the address in step with the page.
  await page.click('[data-goto-step="5"]');
  await page.waitForSelector('main.lessons-page[data-step="5"]');
  assert.match(page.url(), /lesson=etcd-quorum/);
  assert.match(page.url(), /step=5/);
  await finish(opened, 'course-deep-link');
});

test('language, progress, a malformed lesson, and runs exported and imported', async () => {
  const context = await env.browser.newContext();
  // A corrupt progress record is ignored and reported, never fatal.
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('quorum.course.progress', '{not json');
    }
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${env.server.url}?view=lessons&lang=ko`);
  await page.waitForSelector('[data-notice="error"]');
  assert.equal(await page.evaluate(() => localStorage.getItem('quorum.lang')), 'ko');
  // Without ?lang=, the stored choice wins over the browser's.
  await page.goto(`${env.server.url}?view=lessons`);
  await page.waitForSelector('main.lessons-page');
  assert.equal(await page.getAttribute('html', 'lang'), 'ko');
  assert.match(page.url(), /lang=ko/);
  // A malformed lesson file: a bilingual error naming the line.
  await page.click('.custom-lesson summary');
  await page.fill('[data-lesson-source]', 'id = broken\ntitle.en = A\ntitle.ko = 가\n[step]\ntitle.en = B\ntitle.ko = 나\nsay.en = x\nsay.ko = y\nsetup = explode now\n');
  await page.click('[data-action="try-lesson"]');
  await page.waitForSelector('[data-lesson-error]');
  assert.match(await page.textContent('[data-lesson-error]'), /9번째 줄/);
  // Export a run, then import it back; bad JSON gets a clear error.
  await page.goto(`${env.server.url}?view=lessons&lesson=etcd-quorum&step=2&lang=en&speed=4`);
  await page.waitForSelector('main.lessons-page[data-step="2"]');
  await page.click('[data-action="export"]');
  const json = await page.inputValue('[data-export]');
  assert.equal(JSON.parse(json).lesson, 'etcd-quorum');
  await page.fill('[data-import]', '{"format": 1');
  await page.click('[data-action="import"]');
  await page.waitForSelector('[data-import-error]');
  assert.match(await page.textContent('[data-import-error]'), /not a lesson run/);
  await page.fill('[data-import]', json.replace(/"step":\s*2\b/, '"step":4'));
  await page.click('[data-action="import"]');
  await page.waitForSelector('main.lessons-page[data-step="4"]');
  await page.waitForSelector('[data-notice="info"]');
  await screenshot(page, 'course-import-export');
  assert.deepEqual(problems, []);
  await context.close();
});

test('lesson steps run in the terminal and the election experiment, checked live', async () => {
  const opened = await openPage(env.browser, `${env.server.url}?view=lessons&lesson=etcd-install&step=5&lang=en&speed=4`);
  const { page } = opened;
  await page.waitForSelector('main.lessons-page[data-lesson="etcd-install"][data-step="5"] .term-input input');
  const input = page.locator('.term-input input');
  for (const line of ['export ETCDCTL_API=3', 'etcdctl put name john', 'etcdctl get name']) {
    await input.fill(line);
    await input.press('Enter');
  }
  await waitDone(page);
  const printed = await page.$$eval('.term-line', (lines) => lines.map((l) => l.textContent));
  assert.ok(printed.includes('OK'), `etcdctl put printed OK: ${printed.join(' | ')}`);
  assert.ok(printed.includes('john'));
  await screenshot(page, 'course-lesson-terminal');

  // The §9.3 experiment lesson: the student runs the experiment in the lesson's panel and
  // the task is checked when the first timeout range has been measured.
  await page.goto(`${env.server.url}?view=lessons&lesson=raft-election-experiment&step=1&lang=en`);
  await page.waitForSelector('main.lessons-page[data-step="1"] .stage-experiment .experiment[data-state="idle"]');
  await page.click('.stage-experiment .exp-start');
  await waitDone(page);
  const ranges = Number(await page.getAttribute('.stage-experiment .experiment', 'data-ranges-done'));
  assert.ok(ranges >= 1, `at least one range measured (${ranges})`);
  await page.click('.stage-experiment .exp-cancel').catch(() => {});
  await finish(opened, 'course-lesson-experiment');
});

test('the HA lesson runs on the control-plane model: stacked etcd loses quorum, kubectl and the unit file answer', async () => {
  const opened = await openPage(env.browser, `${env.server.url}?view=lessons&lesson=ha-control-plane&step=3&lang=en&speed=2`);
  const { page } = opened;
  await page.waitForSelector('main.lessons-page[data-step="3"] .ha-stage[data-quorum="true"]');
  await answer(page, 2);
  for (const host of ['controlplane-1', 'controlplane-2']) {
    await page.click(`.ha-host[data-host="${host}"] [data-action="ha-host"]`);
    await page.waitForSelector(`.ha-host[data-host="${host}"][data-up="false"]`);
  }
  await page.waitForSelector('.ha-stage[data-quorum="false"]', WAIT);
  await waitDone(page);
  await screenshot(page, 'course-lesson-ha-stacked');

  await next(page, 4);
  await answer(page, 1);
  await next(page, 5);
  const input = page.locator('.stage-ha .term-input input');
  await input.fill('cat /etc/systemd/system/kube-apiserver.service');
  await input.press('Enter');
  await waitDone(page);
  const printed = await page.$$eval('.stage-ha .term-line', (lines) => lines.map((l) => l.textContent).join('\n'));
  assert.match(printed, /--etcd-servers=https:\/\/10\./);
  await finish(opened, 'course-lesson-ha-terminal');
});
