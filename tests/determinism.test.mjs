// The same run gives the same trace natively and in the browser's wasm (issue 4). The hook
// that runs `quorum bench`'s workload in wasm is only in the page built with the
// `bench-hooks` feature (`cargo xtask test` builds it into QUORUM_HOOKS_DIST), so the
// shipped page does not carry a second simulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openPage, useBrowser } from './support.mjs';

const env = useBrowser(process.env.QUORUM_HOOKS_DIST || join(import.meta.dirname, '..', 'dist-bench-hooks'));

test('the benchmark run hashes identically natively and in wasm', async () => {
  const root = join(import.meta.dirname, '..');
  const out = execFileSync('cargo', ['run', '-q', '-p', 'quorum-cli', '--', 'bench', '--seconds', '5', '--seeks', '0', '--json'],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const native = JSON.parse(out).trace_hash;
  assert.match(native, /^[0-9a-f]{16}$/);
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?paused=1`);
  await page.waitForFunction(() => window.wasmBindings?.bench_trace_hash);
  const wasm = await page.evaluate(() => window.wasmBindings.bench_trace_hash(5));
  assert.equal(wasm, native);
  assert.deepEqual(problems, []);
  await context.close();
});
