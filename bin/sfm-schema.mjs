#!/usr/bin/env node
// The compiled CLI (`npm run build`, run by `prepare` on install and before `npm pack`).

// pg 8 probes for Cloudflare Workers when it loads: with no global `navigator` (Node 20) it builds a fetch Response,
// which loads undici, ~160 ms of every start. A navigator with Node's user agent answers the probe; it exists only
// while the CLI's modules load (Node 21 and later have one of their own, left alone).
const probe = globalThis.navigator === undefined;
if (probe)
  Object.defineProperty(globalThis, 'navigator', {
    value: { userAgent: `Node.js/${process.versions.node}` },
    configurable: true,
  });
const { run } = await import('../dist/cli/main.js');
if (probe) delete globalThis.navigator;

process.exitCode = await run(process.argv.slice(2));
