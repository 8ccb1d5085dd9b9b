// A seeded "monkey" on every view (issue 9: bad input never crashes anything): it clicks
// random buttons, picks random options, drags sliders and types hostile text into every field,
// then checks that no panic overlay appeared, nothing was logged as an error, no request left
// the page, and the view still answers. The seed is printed with each failure so a run can be
// replayed exactly (`MONKEY_SEED=… node --test monkey.test.mjs`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, useBrowser } from './support.mjs';

const env = useBrowser();

/** Each view in English, plus the lab embedded in a course page in Korean. */
const VIEWS = ['lab', 'quorum', 'ha', 'chooser', 'experiment', 'lessons', 'lab&embed=1&lang=ko'];
const ACTIONS_PER_VIEW = Number(process.env.MONKEY_ACTIONS ?? 60);
const BASE_SEED = Number(process.env.MONKEY_SEED ?? 20261126);

/** Text a student (or a cat on the keyboard) might type anywhere. */
const HOSTILE = [
  '', ' ', '0', '-1', '1e309', 'NaN', '999999999999999999999', '3.', '.5s', '10s', '-5ms',
  'etcdctl put', 'etcdctl get "" --prefix', 'etcdctl --endpoints=:::: get a', 'kubectl get pods -A',
  'ssh controlplane-9', 'cat /etc/../../etc/passwd', 'rm -rf /', '$(echo hi)', 'a | b | c',
  "'unterminated", '"', '\\', '{"run":', '<script>alert(1)</script>', '한국어 입력 ✓', '🙂'.repeat(50),
  'x'.repeat(5000), '\t\n', 'put a\u0000b', '%00%ff', '?view=lab&nodes=100',
];

/** mulberry32: a tiny seeded PRNG, so a failing run replays from its seed. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Marks every control the monkey may touch with data-monkey=<n> and returns their kinds.
 * Left out: links (they leave the view), the panic overlay's own buttons, and the language and
 * theme switches (covered by their own tests; a switch reloads nothing but doubles the work).
 */
async function markControls(page) {
  return page.evaluate(() => {
    const skip = (el) => el.closest('a[href], .panic-overlay, header.top, nav.tabs') || el.disabled
      || !el.checkVisibility({ visibilityProperty: true }) || el.closest('[hidden], [aria-hidden="true"]');
    const all = [...document.querySelectorAll('button, select, input, textarea, summary, [role="button"], svg [tabindex]')];
    const kinds = [];
    for (const el of all) {
      el.removeAttribute('data-monkey');
      if (skip(el)) continue;
      el.setAttribute('data-monkey', String(kinds.length));
      const tag = el.tagName.toLowerCase();
      kinds.push(tag === 'input' ? `input:${el.type}` : tag);
    }
    return kinds;
  });
}

async function act(page, kind, index, pick) {
  const el = page.locator(`[data-monkey="${index}"]`);
  const options = { timeout: 2000 };
  switch (kind) {
    case 'select': {
      const values = await el.evaluate((s) => [...s.options].filter((o) => !o.disabled).map((o) => o.value));
      if (values.length) await el.selectOption(values[Math.floor(pick() * values.length)], options);
      return `select ${values.length}`;
    }
    case 'input:range': {
      await el.evaluate((r, f) => {
        const min = Number(r.min || 0), max = Number(r.max || 100);
        r.value = String(min + f * (max - min));
        r.dispatchEvent(new Event('input', { bubbles: true }));
        r.dispatchEvent(new Event('change', { bubbles: true }));
      }, pick());
      return 'range';
    }
    case 'input:checkbox': case 'input:radio': case 'button': case 'summary':
      await el.click(options);
      return kind;
    case 'input:file':
      return 'file (skipped)';
    default: {
      if (kind.startsWith('input') || kind === 'textarea') {
        const text = HOSTILE[Math.floor(pick() * HOSTILE.length)];
        await el.fill(text, options);
        await el.press('Enter', options);
        return `type ${JSON.stringify(text.slice(0, 30))}`;
      }
      await el.click(options);
      return kind;
    }
  }
}

for (const [n, view] of VIEWS.entries()) {
  test(`the ${view} view survives ${ACTIONS_PER_VIEW} random actions`, async () => {
    const seed = BASE_SEED + n;
    const pick = rng(seed);
    const lang = view.includes('lang=') ? '' : '&lang=en';
    const { page, context, problems, foreignRequests } = await openPage(env.browser, `${env.server.url}?view=${view}${lang}&speed=8`);
    page.on('dialog', (d) => d.dismiss());
    await page.waitForSelector('main');
    const log = [];
    for (let i = 0; i < ACTIONS_PER_VIEW; i += 1) {
      const kinds = await markControls(page);
      if (kinds.length === 0) break;
      const index = Math.floor(pick() * kinds.length);
      try {
        log.push(`${i}: ${await act(page, kinds[index], index, pick)}`);
      } catch (e) {
        // A control that moved or went away between marking and acting: not a page fault.
        log.push(`${i}: ${kinds[index]} gone (${process.env.MONKEY_LOG ? e.message : String(e.message).split("\n")[0]})`);
      }
      if (i % 10 === 9) await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok())));
    }
    if (process.env.MONKEY_LOG) console.log(log.join("\n"));
    const where = `seed ${seed}, view ${view}; last actions:\n${log.slice(-8).join('\n')}`;
    assert.equal(await page.locator('.panic-overlay').count(), 0, `a panic: ${await page.locator('.panic-message').textContent().catch(() => '')}\n${where}`);
    assert.deepEqual(problems, [], where);
    assert.deepEqual(foreignRequests, [], where);
    assert.ok(await page.locator('main').isVisible(), `the view is gone\n${where}`);
    await screenshot(page, `monkey-${view.replace(/[&=]/g, '-')}`);
    await context.close();
  });
}
