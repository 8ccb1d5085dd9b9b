// Accessibility (issue 9): axe-core finds no violation on any view in either theme, the main
// controls are reachable with Tab and show a visible focus, and the narration is announced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { openPage, screenshot, settled, useBrowser } from './support.mjs';

const env = useBrowser();
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Each scenario: a query, what shows it is ready, and an optional step before checking. */
const scenarios = [
  { name: 'lab', query: 'view=lab&speed=3&seed=4', ready: '.status[data-leader]:not([data-leader=""])' },
  { name: 'terminal', query: 'view=lab&paused=1', ready: '.term-input input', async act(page) {
    const input = page.locator('.term-input input');
    await input.fill('etcdctl member list');
    await input.press('Enter');
    await page.waitForSelector('.term-line');
  } },
  { name: 'quorum', query: 'view=quorum', ready: '[data-page="quorum"] .quorum-table' },
  { name: 'ha', query: 'view=ha&paused=1', ready: 'main svg' },
  { name: 'chooser', query: 'view=chooser', ready: 'main.chooser-page' },
  { name: 'experiment', query: 'view=experiment', ready: '[role="tab"][data-view="experiment"][aria-selected="true"]' },
  { name: 'lessons', query: 'view=lessons', ready: 'main.lessons-page' },
  { name: 'lesson-open', query: 'view=lessons&lesson=etcd-quorum&step=1&paused=1', ready: 'main.lessons-page[data-lesson="etcd-quorum"]' },
  { name: 'embed', query: 'view=lab&embed=1&paused=1', ready: 'svg.cluster [data-node]' },
];

/**
 * Violations in components that other people were changing when this test was written; each
 * names the file and the fix, is printed on every run, and is to be removed from this list
 * with its fix. Any violation not listed here fails the test.
 */
const known = [];

const isKnown = (scenario, rule, target) => known.find((k) => k.rule === rule
  && (!k.scenario || k.scenario === scenario) && (!k.target || k.target.test(target)));

/** Splits axe's violations (per element) into known ones and new ones. */
function triage(scenario, violations) {
  const fresh = [];
  const old = new Set();
  for (const v of violations) {
    const nodes = v.nodes.filter((n) => {
      const k = isKnown(scenario, v.id, n.target.join(' '));
      if (k) old.add(`${v.id}: ${k.fix}`);
      return !k;
    });
    if (nodes.length) fresh.push({ ...v, nodes });
  }
  return { fresh, old: [...old] };
}

/** axe's violations as readable lines: rule, impact, help, and each offending element. */
function describe(violations) {
  return violations.flatMap((v) => [
    `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
    ...v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`),
  ]).join('\n');
}

async function audit(page) {
  // evaluate() runs outside the page's Content-Security-Policy, which (rightly) refuses an
  // injected <script>.
  await page.evaluate(axeSource);
  return page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
    .map(({ id, impact, help, helpUrl, nodes }) => ({ id, impact, help, helpUrl,
      nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) }))));
}

for (const theme of ['light', 'dark']) {
  for (const s of scenarios) {
    test(`axe finds no violation: ${s.name}, ${theme} theme`, async () => {
      const { page, context, problems } = await openPage(env.browser, `${env.server.url}?${s.query}&theme=${theme}&lang=en`);
      await page.waitForSelector(s.ready, { timeout: 60_000 });
      if (s.act) await s.act(page);
      await settled(page);
      const violations = await audit(page);
      if (process.env.A11Y_DUMP) await import('node:fs/promises').then((fs) => fs.appendFile(process.env.A11Y_DUMP, JSON.stringify({ scenario: s.name, theme, violations }) + '\n'));
      await screenshot(page, `a11y-${s.name}-${theme}`);
      const { fresh, old } = triage(s.name, violations);
      for (const line of old) console.log(`# known, to fix in its owner's file: ${line}`);
      assert.equal(fresh.length, 0, `axe on ${s.name} (${theme}):\n${describe(fresh)}`);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

/** What has focus: a short description, and whether its focus is visible (computed style). */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    // An outline (style.css: :focus-visible) or a box shadow; SVG nodes also recolour their
    // ring (.node:focus-visible .node-body), checked here through the outline they get too.
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== 'none';
    const key = el.dataset.action ? `action:${el.dataset.action}`
      : el.dataset.view ? `tab:${el.dataset.view}`
      : el.dataset.node ? `node:${el.dataset.node}`
      : el.matches('.term-input input') ? 'terminal' : `${el.tagName.toLowerCase()}.${el.className?.baseVal ?? el.className}`;
    return { key, ring: Boolean(ring), outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}` };
  });
}

test('Tab reaches the main controls, each with a visible focus; narration is a live region', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?view=lab&paused=1&lang=en`);
  await page.waitForSelector('svg.cluster [data-node]');
  const seen = new Map();
  for (let i = 0; i < 80 && seen.size < 200; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && !seen.has(f.key)) seen.set(f.key, f);
  }
  const wanted = ['tab:lab', 'tab:quorum', 'action:theme', 'action:lang', 'action:play', 'node:1', 'terminal'];
  for (const key of wanted) {
    assert.ok(seen.has(key), `Tab never reached ${key}; reached: ${[...seen.keys()].join(', ')}`);
    assert.ok(seen.get(key).ring, `${key} has no visible focus (outline: ${seen.get(key).outline})`);
  }
  const live = await page.getAttribute('[data-narration-live]', 'aria-live');
  assert.equal(live, 'polite');
  await page.focus('[data-action="play"]');
  await screenshot(page, 'a11y-keyboard-focus');
  assert.deepEqual(problems, []);
  await context.close();
});
