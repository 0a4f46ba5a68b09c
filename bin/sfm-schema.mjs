#!/usr/bin/env node
// The compiled CLI (`npm run build`, run by `prepare` on install and before `npm pack`).

// pg 8 probes for Cloudflare Workers when it loads: with no global `navigator` (Node 20) it builds a fetch Response,
// which loads undici, ~160 ms of every start. A navigator with Node's user agent answers the probe; it exists only
// while the CLI's modules load (Node 21 and later have one of their own, left alone).
// WebAssembly (PGlite's PostgreSQL, the SQL parser) compiled by the baseline compiler only, not tiered up to the
// optimizing one: measured at 200 tables, an embedded `plan` peaks at 258 MB instead of 343 MB in the same time
// (bench/results/embedded.md). Set before any module is compiled; SFM_WASM_TIER_UP=1 leaves V8's default.
if (process.env.SFM_WASM_TIER_UP !== '1') (await import('node:v8')).setFlagsFromString('--liftoff-only');

const probe = globalThis.navigator === undefined;
if (probe)
  Object.defineProperty(globalThis, 'navigator', {
    value: { userAgent: `Node.js/${process.versions.node}` },
    configurable: true,
  });
const { run } = await import('../dist/cli/main.js');
if (probe) delete globalThis.navigator;

process.exitCode = await run(process.argv.slice(2));
