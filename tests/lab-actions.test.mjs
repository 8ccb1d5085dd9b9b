// The Raft lab driven as a student would: stop the leader, partition a minority, step back
// and forward, reload a permalink, switch to Korean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, useBrowser } from './support.mjs';

const env = useBrowser();

const leaderOf = (page) => page.getAttribute('.status[data-leader]', 'data-leader');
const simTime = async (page) => Number(await page.getAttribute('[data-sim-time-us]', 'data-sim-time-us'));

async function waitForLeader(page, notId = '') {
  await page.waitForFunction((notId) => {
    const l = document.querySelector('.status[data-leader]')?.getAttribute('data-leader');
    return l && l !== notId;
  }, notId, { timeout: 60_000 });
  return leaderOf(page);
}

/** Every node's role, term and commit index, as drawn. */
const clusterState = (page) => page.$$eval('svg.cluster [data-node]', (nodes) =>
  nodes.map((n) => [n.dataset.node, n.dataset.role, n.dataset.term, n.dataset.commit].join(':')).join(' '));

/** Opens a node's menu by keyboard (nodes are focusable) and picks a command. */
async function command(page, node, name) {
  await page.focus(`svg.cluster [data-node="${node}"]`);
  await page.keyboard.press('Enter');
  await page.click(`[data-menu-node="${node}"] [data-command="${name}"]`);
}

/** Waits until the terminal shows `text` as a whole line (or `includes` it anywhere). */
async function waitForTerminal(page, text, { includes = false } = {}) {
  await page.waitForFunction(([text, includes]) => includes
    ? document.querySelector('.term-screen').textContent.includes(text)
    : [...document.querySelectorAll('.term-line')].some((l) => l.textContent === text), [text, includes], { timeout: 60_000 })
    .catch(async () => { throw new Error(`terminal shows: ${await page.textContent('.term-screen')}`); });
}

/** Pauses the lab and opens its permalink, at the same instant, in a second page. */
async function reopenPermalink(page) {
  await page.click('[data-action="play"]');
  const t = await simTime(page);
  const url = new URL(page.url());
  url.searchParams.set('t', String(t));
  url.searchParams.set('paused', '1');
  const again = await openPage(env.browser, url.toString());
  await again.page.waitForSelector('svg.cluster [data-node]');
  assert.equal(await simTime(again.page), t);
  return again;
}

async function typeInTerminal(page, line) {
  const input = page.locator('.term-input input');
  await input.fill(line);
  await input.press('Enter');
}

test('stopping the leader elects a new one in a higher term', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?speed=3&seed=7`);
  const first = await waitForLeader(page);
  const term = Number(await page.getAttribute(`[data-node="${first}"]`, 'data-term'));
  await command(page, first, 'stop');
  await page.waitForSelector(`[data-node="${first}"][data-role="stopped"]`);
  const second = await waitForLeader(page, first);
  assert.notEqual(second, first);
  const newTerm = Number(await page.getAttribute(`[data-node="${second}"]`, 'data-term'));
  assert.ok(newTerm > term, `new term ${newTerm} should exceed ${term}`);
  await screenshot(page, 'lab-new-leader');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a partitioned minority cannot write; the majority can', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?speed=3&seed=11`);
  const leader = await waitForLeader(page);
  await page.click('details:has([data-preset]) > summary').catch(() => {});
  await page.click('[data-preset="minority-side"]');
  // The majority side elects its own leader; the old one is on the minority side.
  const majorityLeader = await waitForLeader(page, leader);
  await typeInTerminal(page, 'export ETCDCTL_API=3');
  const ip = (n) => `10.240.0.${9 + Number(n)}`;
  await typeInTerminal(page, `etcdctl --endpoints=https://${ip(leader)}:2379 put minority x`);
  await waitForTerminal(page, 'context deadline exceeded', { includes: true })
    .catch(async (e) => { await screenshot(page, 'lab-minority-failed'); throw e; });
  await typeInTerminal(page, `etcdctl --endpoints=https://${ip(majorityLeader)}:2379 put majority y`);
  await waitForTerminal(page, 'OK');
  await screenshot(page, 'lab-minority-partition');
  assert.deepEqual(problems, []);
  await context.close();
});

test('stepping back then forward lands on identical states', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?speed=3&seed=5`);
  await waitForLeader(page);
  await page.click('[data-action="play"]');
  const before = [await simTime(page), await clusterState(page)];
  for (let i = 0; i < 10; i++) await page.click('[data-action="step-back"]');
  const back = [await simTime(page), await clusterState(page)];
  assert.ok(back[0] <= before[0]);
  for (let i = 0; i < 10; i++) await page.click('[data-action="step-forward"]');
  const events = Number(await page.getAttribute('[data-events]', 'data-events'));
  assert.ok(events > 0);
  assert.equal(await clusterState(page), before[1]);
  assert.deepEqual(problems, []);
  await screenshot(page, 'lab-step-back-forward');
  await context.close();
});

test('a permalink reloads the same run', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?speed=3&seed=9`);
  const leader = await waitForLeader(page);
  await command(page, leader, 'stop');
  await waitForLeader(page, leader);
  await page.click('[data-action="play"]');
  // The address bar now carries the run (settings, seed, actions) and the instant.
  await page.waitForFunction(() => location.search.includes('run='));
  const again = await reopenPermalink(page);
  assert.equal(await clusterState(again.page), await clusterState(page));
  assert.deepEqual([...problems, ...again.problems], []);
  await screenshot(again.page, 'lab-permalink-reloaded');
  await again.context.close();
  await context.close();
});

test('terminal writes are part of the run: a permalink and time travel keep them', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?speed=3&seed=13`);
  await waitForLeader(page);
  await typeInTerminal(page, 'export ETCDCTL_API=3');
  await typeInTerminal(page, 'etcdctl put course raft');
  await waitForTerminal(page, 'OK');
  // The put is a recorded action: the address bar's run carries a `propose`.
  await page.waitForFunction(() => {
    const run = new URLSearchParams(location.search).get('run');
    if (!run) return false;
    const json = atob(run.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(json).actions.some((a) => a.action === 'propose');
  }, null, { timeout: 30_000 });
  const again = await reopenPermalink(page);
  // A fresh terminal on the replayed world reads the key the first page wrote.
  await typeInTerminal(again.page, 'export ETCDCTL_API=3');
  await typeInTerminal(again.page, 'etcdctl get course --print-value-only --consistency=s');
  await waitForTerminal(again.page, 'raft');
  // Back before the put and forward again: the write is replayed, not lost.
  const state = await clusterState(page);
  for (let i = 0; i < 40; i++) await page.click('[data-action="step-back"]');
  for (let i = 0; i < 40; i++) await page.click('[data-action="step-forward"]');
  assert.equal(await clusterState(page), state);
  assert.deepEqual([...problems, ...again.problems], []);
  await again.context.close();
  await context.close();
});

test('the terminal prints what etcdctl 3.5 and 3.3 print: fields, hashkv, snapshots, compare-and-swap', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?speed=3&seed=21`);
  await waitForLeader(page);
  await typeInTerminal(page, 'export ETCDCTL_API=3');
  await typeInTerminal(page, 'etcdctl put course raft');
  await waitForTerminal(page, 'OK');
  await typeInTerminal(page, 'etcdctl get course -w fields');
  await waitForTerminal(page, '"Key" : "course"');
  await waitForTerminal(page, '"Value" : "raft"');
  await typeInTerminal(page, 'etcdctl endpoint hashkv --cluster');
  // One line per member: its client URL and the CRC-32C of its key-value state.
  await page.waitForFunction(() => [...document.querySelectorAll('.term-line')]
    .filter((l) => /^https:\/\/\S+:2379, \d+$/.test(l.textContent)).length >= 3, null, { timeout: 30_000 })
    .catch(async () => { throw new Error(`terminal shows: ${await page.textContent('.term-screen')}`); });
  await typeInTerminal(page, 'etcdctl snapshot save /tmp/backup.db');
  await waitForTerminal(page, 'Snapshot saved at /tmp/backup.db');
  await typeInTerminal(page, 'etcdctl snapshot status /tmp/backup.db -w table');
  await waitForTerminal(page, '|   HASH   | REVISION | TOTAL KEYS | TOTAL SIZE |');
  // etcdctl 3.3's v2 store: a compare-and-swap that does not match is refused.
  await typeInTerminal(page, 'export ETCDCTL_API=2');
  await typeInTerminal(page, 'etcdctl set /course raft');
  await waitForTerminal(page, 'raft');
  await typeInTerminal(page, 'etcdctl set /course etcd --swap-with-value paxos');
  await waitForTerminal(page, 'Error:  101: Compare failed ([paxos != raft])', { includes: true });
  await screenshot(page, 'lab-terminal-etcdctl-formats');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the lab speaks Korean', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?lang=en`);
  await page.click('[data-action="lang"]');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  const text = await page.textContent('main');
  assert.match(text, /[가-힣]/);
  assert.match(await page.textContent('[data-action="play"]'), /일시정지|재생/);
  await screenshot(page, 'lab-korean');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the theme button switches to dark, then light, and is remembered', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?lang=en`);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.click('[data-action="theme"]');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  const dark = await background();
  await page.click('[data-action="theme"]');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.notEqual(await background(), dark);
  await page.click('[data-action="theme"]');
  await page.click('[data-action="theme"]');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await screenshot(page, 'lab-dark');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Figure 8 preset pauses at stage (c): S1 leads term 4 and has not committed index 3', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?seed=1`);
  await waitForLeader(page);
  await page.click('details:has([data-preset]) > summary').catch(() => {});
  await page.click('[data-preset="figure8"]');
  await page.waitForSelector('[data-node="1"][data-role="leader"][data-term="4"]');
  await page.waitForSelector('[data-node="5"][data-role="stopped"]');
  assert.equal(await page.$$eval('svg.cluster [data-node]', (n) => n.length), 5);
  const commit = Number(await page.getAttribute('[data-node="1"]', 'data-commit'));
  assert.ok(commit < 3, `S1's commit index ${commit} must stay below 3 at (c)`);
  // Paused: the student chooses what happens next.
  assert.equal(await page.getAttribute('[data-action="play"]', 'aria-pressed'), 'false');
  await screenshot(page, 'lab-figure8-c');
  assert.deepEqual(problems, []);
  await context.close();
});

test('dragging nodes to another side and applying cuts the network between the sides', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?seed=3`);
  await waitForLeader(page);
  // Pause: a drag is a gesture over time, and nothing should redraw under the pointer.
  await page.click('[data-action="play"]');
  await page.waitForSelector('[data-action="play"][aria-pressed="false"]');
  await page.click('details:has([data-zone]) > summary').catch(() => {});
  // The page redraws after each drop; wait for it rather than reading at once.
  await page.dragAndDrop('[data-side-node="1"]', '[data-zone="B"]');
  await page.waitForSelector('[data-zone="B"] [data-side-node="1"][data-side="B"]');
  await page.dragAndDrop('[data-side-node="2"]', '[data-zone="B"]');
  await page.waitForSelector('[data-zone="B"] [data-side-node="2"][data-side="B"]');
  assert.equal(await page.$$eval('[data-zone="B"] [data-side-node]', (n) => n.length), 2);
  await page.click('[data-action="partition"]');
  await page.waitForSelector('[data-link-from="1"][data-link-to="3"][data-cut="true"]');
  assert.equal(await page.getAttribute('[data-link-from="1"][data-link-to="2"]', 'data-cut'), 'false');
  await screenshot(page, 'lab-drag-partition');
  assert.deepEqual(problems, []);
  await context.close();
});

// The run of `crates/web/src/world.rs`'s test `a_stale_read_turns_the_linearizability_row_red`
// (print `permalink::with_run` there to make it again if the simulator's schedule changes):
// the "stale local reads" switch on, the leader S3 cut off from S1 and S2, a write of x = 2
// through S1's side, then a read through S3, which answers from its own, older state.
const STALE_READ_RUN = 'eyJjb25maWciOnsibm9kZXMiOjMsInJhZnQiOnsiZWxlY3Rpb25fdGltZW91dF9taW5fdXMiOjYwMDAwMCwiZWxlY3Rpb25fdGltZW91dF9tYXhfdXMiOjEyMDAwMDAsImhlYXJ0YmVhdF9pbnRlcnZhbF91cyI6MTAwMDAwLCJwcmVfdm90ZSI6ZmFsc2UsImNoZWNrX3F1b3J1bSI6ZmFsc2UsInJlYWRfbW9kZSI6InJlYWRfaW5kZXgiLCJtYXhfaW5mbGlnaHQiOjI1NiwibWF4X2VudHJpZXNfcGVyX21zZyI6NjQsImJ1Z3MiOnsiY29tbWl0X29sZF90ZXJtIjpmYWxzZSwidm90ZV93aXRob3V0X2xvZ19jaGVjayI6ZmFsc2UsImZvcmdldF92b3RlX29uX3Jlc3RhcnQiOmZhbHNlLCJub190aW1lb3V0X3JhbmRvbWl6YXRpb24iOmZhbHNlLCJzdGFsZV9sb2NhbF9yZWFkcyI6dHJ1ZX19LCJuZXQiOnsibGF0ZW5jeV9taW5fdXMiOjIwMDAwLCJsYXRlbmN5X21heF91cyI6NDAwMDAsImxvc3NfcHBtIjowLCJkdXBsaWNhdGVfcHBtIjowLCJyZW9yZGVyX3BwbSI6MCwicmVvcmRlcl9kZWxheV91cyI6NTAwMDB9LCJkaXNrX3dyaXRlX3VzIjoxMDAwLCJjbGllbnRzIjp7ImNsaWVudHMiOjAsImtleXMiOjMsInRoaW5rX21pbl91cyI6MTAwMDAsInRoaW5rX21heF91cyI6MTAwMDAwLCJ0aW1lb3V0X3VzIjoxMDAwMDAwLCJyZXRyeV91cyI6MjAwMDAsInJlYWRfcHBtIjo1MDAwMDAsImFwcGVuZF9wcG0iOjB9LCJjb21wYWN0X2V2ZXJ5IjoxMDAsIm5hcnJhdGUiOnRydWUsIm5hcnJhdGlvbl9jYXAiOjIwMDAwLCJzbmFwc2hvdF9ldmVyeV9ldmVudHMiOjUwMCwibWF4X3NuYXBzaG90cyI6NTEyLCJsaXZlbmVzc193aW5kb3dfdXMiOjB9LCJzZWVkIjo3LCJhY3Rpb25zIjpbeyJhdF91cyI6OTU2NTU2LCJhY3Rpb24iOiJjbGllbnRfd3JpdGUiLCJub2RlIjozLCJrZXkiOiJ4IiwidmFsdWUiOiIxIn0seyJhdF91cyI6MTA2Mzk1NywiYWN0aW9uIjoicGFydGl0aW9uIiwiZ3JvdXBzIjpbWzNdLFsxLDJdXX0seyJhdF91cyI6MTc1NzE2NSwiYWN0aW9uIjoiY2xpZW50X3dyaXRlIiwibm9kZSI6MSwia2V5IjoieCIsInZhbHVlIjoiMiJ9LHsiYXRfdXMiOjE4NzU0NjYsImFjdGlvbiI6ImNsaWVudF9yZWFkIiwibm9kZSI6Mywia2V5IjoieCJ9XX0';

test('a stale read turns the linearizability check red and lists the operations', async () => {
  const { page, context, problems } = await openPage(env.browser,
    `${env.server.url}?view=lab&run=${STALE_READ_RUN}&t=1900000`);
  const row = page.locator('.safety-row[data-property="linearizability"]');
  await page.waitForFunction(() =>
    document.querySelector('.safety-row[data-property="linearizability"]')?.dataset.ok === 'false',
  null, { timeout: 30_000 });
  const items = await row.locator('.safety-witness li').allTextContents();
  assert.ok(items.some((t) => t.startsWith('read x through S3: returned "1"')), items.join('\n'));
  assert.ok(items.some((t) => t.startsWith('write x = "2" through S1')), items.join('\n'));
  // The extra checks open by themselves when one of them is broken.
  assert.equal(await page.locator('details.safety-extras[open]').count(), 1);
  await screenshot(page, 'lab-stale-read-caught');
  assert.deepEqual(problems, []);
  await context.close();
});
