#!/usr/bin/env node
// The compiled CLI (`npm run build`, run by `prepare` on install and before `npm pack`).
import { run } from '../dist/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
