// The HA Kubernetes view: what still works is computed by the simulated control plane.
// Stacked 3 survives one control-plane node and loses writes at two; external 3+3
// survives two. Everything is driven through the page (clicks and keyboard), and every
// wait is on attributes the page sets, never on wall-clock sleeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, useBrowser } from './support.mjs';

const env = useBrowser();

async function open(query = '') {
  const opened = await openPage(env.browser, `${env.server.url}?view=ha&lang=en${query}`);
  await opened.page.waitForSelector('[data-page="ha"] svg.ha-topology');
  await opened.page.waitForSelector('[data-capability="write"]');
  return opened;
}

const works = (page, cap) => page.getAttribute(`.ha-works [data-capability="${cap}"]`, 'data-works');

/** Waits until the what-still-works panel says `cap` works (or not). */
async function expectWorks(page, cap, expected) {
  await page.waitForSelector(`.ha-works [data-capability="${cap}"][data-works="${expected}"]`, { timeout: 10_000 });
  assert.equal(await works(page, cap), String(expected));
}

async function failures(page) {
  return Number(await page.getAttribute('[data-page="ha"]', 'data-failures'));
}

test('stacked 3: the diagram shows the control plane, and simulated time runs', async () => {
  const { page, context, problems, foreignRequests } = await open('&speed=2');
  assert.equal(await page.getAttribute('[data-page="ha"]', 'data-topology'), 'stacked');
  assert.equal(await page.locator('[data-host^="controlplane-"]').count(), 3);
  assert.equal(await page.locator('[data-component="etcd"]').count(), 3);
  assert.equal(await page.locator('[data-component="etcd"][data-leader="true"]').count(), 1);
  assert.equal(await page.locator('[data-component="controller-manager"][data-leader="true"]').count(), 1);
  assert.equal(await page.locator('[data-component="scheduler"][data-leader="true"]').count(), 1);
  for (const cap of ['read', 'write', 'schedule', 'recreate']) await expectWorks(page, cap, true);
  const t0 = Number(await page.getAttribute('[data-sim-time-us]', 'data-sim-time-us'));
  await page.waitForFunction((t) => Number(document.querySelector('[data-sim-time-us]').getAttribute('data-sim-time-us')) > t + 2_000_000, t0);
  // Requests and lease renewals are animated from simulated time; a kubectl request
  // starts at the client box.
  await page.waitForSelector('svg.ha-topology .trace .trace-dot');
  // Paused, so the check does not race the animation on a slow machine.
  await page.click('[data-action="play"]');
  await page.click('[data-action="send-read"]');
  await page.waitForSelector('svg.ha-topology .trace.kubectl', { state: 'attached' });
  await screenshot(page, 'ha-stacked-3-running');
  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests, []);
  await context.close();
});

test('a link sets up the cluster: external 3 + 5 etcd hosts, 1 worker, short leases', async () => {
  const { page, context, problems } = await open('&topology=external&cp=3&etcd=5&workers=1&lease=6s,4s,1s&speed=1');
  const main = '[data-page="ha"]';
  assert.equal(await page.getAttribute(main, 'data-topology'), 'external');
  assert.equal(await page.getAttribute(main, 'data-control-planes'), '3');
  assert.equal(await page.getAttribute(main, 'data-etcd-members'), '5');
  assert.equal(await page.locator('[data-host^="controlplane-"]').count(), 3);
  assert.equal(await page.locator('[data-host^="etcd-"]').count(), 5);
  assert.equal(await page.locator('[data-host-box^="node"]').count(), 1);
  assert.equal(await page.locator('[data-component="etcd"]').count(), 5);
  assert.equal(await page.locator('.ha-url-notes').count(), 0);
  assert.equal(await page.inputValue('[data-flag="--leader-elect-lease-duration"]'), '6s');
  assert.equal(await page.inputValue('[data-flag="--leader-elect-retry-period"]'), '1s');
  // The etcd leader and its term come from the simulated Raft members: one leader.
  const etcdLeader = page.locator('[data-component="etcd"][data-leader="true"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-component="etcd"][data-leader="true"]').length === 1);
  const old = await etcdLeader.getAttribute('data-index');
  const term = Number(await page.getAttribute('[data-etcd-term]', 'data-etcd-term'));
  assert.ok(term >= 1, `term ${term}`);
  assert.equal(await page.getAttribute('[data-etcd-leader]', 'data-etcd-leader'), old);
  // Stop the leader member: the other four elect a new one in a higher term.
  await etcdLeader.click();
  await page.waitForFunction(([o, t]) => {
    const status = document.querySelector('[data-etcd-term]');
    const leader = status.getAttribute('data-etcd-leader');
    return leader !== '' && leader !== o && Number(status.getAttribute('data-etcd-term')) > t;
  }, [old, term], { timeout: 20_000 });
  await expectWorks(page, 'write', true);
  await screenshot(page, 'ha-url-external-3-5');
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad HA values in a link are ignored and listed; the defaults are used', async () => {
  const { page, context, problems } = await open('&topology=mesh&cp=12&etcd=3&workers=1&lease=10s,10s,2s&paused=1');
  const main = '[data-page="ha"]';
  assert.equal(await page.getAttribute(main, 'data-topology'), 'stacked');
  assert.equal(await page.getAttribute(main, 'data-control-planes'), '3');
  assert.equal(await page.locator('[data-host-box^="node"]').count(), 1);
  assert.equal(await page.getAttribute('.ha-url-notes', 'data-url-rejected'), '4');
  const params = await page.locator('.ha-url-notes [data-param]').evaluateAll((els) => els.map((e) => e.dataset.param));
  assert.deepEqual(params, ['topology', 'cp', 'lease', 'etcd']);
  assert.match(await page.textContent('.ha-url-notes [data-param="cp"]'), /cp=12 — must be between 1 and 7/);
  assert.match(await page.textContent('.ha-url-notes [data-param="lease"]'), /leaseDuration must be greater than renewDeadline/);
  assert.equal(await page.inputValue('[data-flag="--leader-elect-lease-duration"]'), '15s');
  await screenshot(page, 'ha-url-rejected');
  assert.deepEqual(problems, []);
  await context.close();
});

test('stacked 3: one control-plane node down keeps writes, two lose them', async () => {
  const { page, context, problems } = await open();
  await page.click('[data-host="controlplane-1"]');
  await page.waitForSelector('[data-host-box="controlplane-1"][data-up="false"]');
  await expectWorks(page, 'write', true);
  await expectWorks(page, 'read', true);
  await screenshot(page, 'ha-stacked-3-one-node-down');
  // The second node by keyboard: focus its button and press Enter.
  await page.focus('[data-host="controlplane-2"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-host-box="controlplane-2"][data-up="false"]');
  await expectWorks(page, 'write', false);
  assert.match(await page.textContent('.ha-works [data-capability="write"]'), /quorum/);
  assert.equal(await failures(page), 2);
  // A write sent from the client times out in etcd, with kubectl's real error.
  await page.click('[data-action="send-write"]');
  await page.waitForFunction(() => document.querySelector('[data-terminal]').textContent.includes('etcdserver: request timed out'));
  await screenshot(page, 'ha-stacked-3-two-nodes-down');
  // Restoring everything brings writes back.
  await page.click('[data-action="restore-all"]');
  await page.waitForFunction(() => document.querySelector('[data-page="ha"]').dataset.failures === '0');
  await expectWorks(page, 'write', true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('external 3+3: two control-plane nodes down, writes still work', async () => {
  const { page, context, problems } = await open();
  await page.click('[data-topology="external"]');
  await page.waitForSelector('[data-page="ha"][data-topology="external"][data-etcd-members="3"]');
  assert.equal(await page.locator('[data-host^="etcd-"]').count(), 3);
  await page.click('[data-host="controlplane-1"]');
  await page.click('[data-host="controlplane-2"]');
  await page.waitForSelector('[data-host-box="controlplane-2"][data-up="false"]');
  await expectWorks(page, 'write', true);
  await expectWorks(page, 'read', true);
  await screenshot(page, 'ha-external-3-3-two-nodes-down');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the load balancer down blocks kubectl; the comparison contrasts stacked and external', async () => {
  const { page, context, problems } = await open();
  await page.click('[data-action="fail-lb"]');
  await expectWorks(page, 'read', false);
  assert.match(await page.textContent('.ha-works [data-capability="read"]'), /load balancer/);
  await page.click('[data-action="fail-lb"]');
  await expectWorks(page, 'read', true);
  // Side by side: two of three control-plane nodes powered off.
  await page.selectOption('[data-field="compare-failure"]', '1');
  await page.waitForSelector('[data-compare="stacked"] [data-capability="write"][data-works="false"]');
  await page.waitForSelector('[data-compare="external"] [data-capability="write"][data-works="true"]');
  await page.locator('.ha-compare').scrollIntoViewIfNeeded();
  await screenshot(page, 'ha-compare-two-nodes-down');
  assert.deepEqual(problems, []);
  await context.close();
});

test('leader election: failover is measured; invalid flags show client-go\'s error', async () => {
  const { page, context, problems } = await open('&speed=3');
  const leader = page.locator('[data-component="controller-manager"][data-leader="true"]');
  const index = Number(await leader.getAttribute('data-index'));
  // Stop the active controller-manager: a standby takes the lease after about the lease duration.
  await leader.click();
  await page.waitForFunction(() => {
    const v = document.querySelector('.ha-timeline [data-failover-us]')?.getAttribute('data-failover-us');
    return v !== undefined && v !== null && v !== '';
  }, null, { timeout: 60_000 });
  const failover = Number(await page.getAttribute('.ha-timeline [data-failover-us]', 'data-failover-us'));
  // client-go: no earlier than lease − retry (13 s), at worst about lease + 2 × 2.2 × retry.
  assert.ok(failover >= 13_000_000 && failover <= 24_000_000, `failover ${failover} µs`);
  const newLeader = Number(await page.getAttribute('[data-component="controller-manager"][data-leader="true"]', 'data-index'));
  assert.notEqual(newLeader, index);
  await page.locator('.ha-timeline').scrollIntoViewIfNeeded();
  await screenshot(page, 'ha-failover-measured');
  await page.fill('[data-flag="--leader-elect-renew-deadline"]', '2s');
  await page.click('[data-action="apply-flags"]');
  const error = await page.getAttribute('[data-flag-error]', 'data-flag-error');
  assert.equal(error, 'renewDeadline must be greater than retryPeriod*JitterFactor');
  await page.locator('.ha-flags').scrollIntoViewIfNeeded();
  await screenshot(page, 'ha-flags-rejected');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the terminal runs kubectl against the model and cats the unit file', async () => {
  const { page, context, problems } = await open('&paused=1');
  await page.fill('[data-field="terminal"]', 'kubectl get nodes');
  await page.press('[data-field="terminal"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-terminal]').textContent.includes('controlplane-1'));
  assert.match(await page.textContent('[data-unit]'), /--etcd-servers=https:\/\/127\.0\.0\.1:2379/);
  await page.click('[data-topology="external"]');
  await page.waitForFunction(() => document.querySelector('[data-unit]').textContent.includes('https://10.240.0.30:2379,'));
  assert.deepEqual(problems, []);
  await screenshot(page, 'ha-terminal-kubectl');
  await context.close();
});

test('partitioning zone a off leaves the majority side serving writes', async () => {
  const { page, context, problems } = await open('&speed=2');
  await page.selectOption('[data-field="partition"]', '0');
  await page.click('[data-action="partition"]');
  await page.waitForFunction(() => document.querySelector('[data-page="ha"]').dataset.failures === '1');
  // controlplane-1 (zone a) is cut off: its etcd member is in the minority.
  await page.waitForSelector('[data-component="etcd"][data-index="0"].minority');
  // Once the majority side has an etcd leader, the load balancer's health checks send
  // requests to its API servers (right after the cut it may still pick the cut-off one).
  await page.waitForSelector('.ha-works [data-capability="write"][data-works="true"]', { timeout: 30_000 });
  await screenshot(page, 'ha-partition-zone-a');
  await page.click('[data-action="heal"]');
  await page.waitForFunction(() => document.querySelector('[data-page="ha"]').dataset.failures === '0');
  assert.deepEqual(problems, []);
  await context.close();
});

test('dark theme with reduced motion: requests drawn still; paused time stands still', async () => {
  const dark = await openPage(env.browser, `${env.server.url}?view=ha&lang=en&paused=1`, { colorScheme: 'dark', reducedMotion: 'reduce' });
  await dark.page.waitForSelector('svg.ha-topology .trace', { state: 'attached' });
  const display = await dark.page.evaluate(() => getComputedStyle(document.querySelector('svg.ha-topology .trace-dot') ?? document.body).display);
  assert.equal(display, 'none');
  const t0 = await dark.page.getAttribute('[data-sim-time-us]', 'data-sim-time-us');
  await dark.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
  assert.equal(await dark.page.getAttribute('[data-sim-time-us]', 'data-sim-time-us'), t0);
  await screenshot(dark.page, 'ha-dark-reduced-motion');
  assert.deepEqual(dark.problems, []);
  await dark.context.close();
});

test('switching to Korean shows Korean text', async () => {
  const { page, context, problems } = await open();
  await page.click('[data-action="lang"]');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  assert.match(await page.textContent('.ha-works'), /아직 되는 것/);
  assert.match(await page.textContent('.ha-works [data-capability="write"]'), /[가-힣]/);
  await screenshot(page, 'ha-korean');
  assert.deepEqual(problems, []);
  await context.close();
});
