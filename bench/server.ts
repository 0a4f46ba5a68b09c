// The server a benchmark runs on: TEST_DATABASE_URL, else (when Debian's PostgreSQL is installed) the calling script
// run again inside a throwaway cluster of it (scripts/with-postgres.sh; this process then exits with its status),
// else the embedded server. The build is made first where dist/ is missing: the benchmarks time the real bin.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedServer } from '../test/support/embedded-server.js';

export const ROOT = join(import.meta.dirname, '..');
export const PG_BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

export interface BenchServer {
  readonly url: string;
  /** The URL of another database of the same server. */
  dbUrl(name: string): string;
  stop(): Promise<void>;
}

export async function benchServer(): Promise<BenchServer> {
  if (!process.env['TEST_DATABASE_URL'] && existsSync(join(PG_BIN, 'initdb'))) {
    const script = [join(ROOT, 'scripts', 'with-postgres.sh'), PG_BIN, process.execPath];
    const r = spawnSync('bash', [...script, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js')))
    spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const server = process.env['TEST_DATABASE_URL'] ? undefined : await startEmbeddedServer();
  const url = process.env['TEST_DATABASE_URL'] ?? (server as { url: string }).url;
  return {
    url,
    dbUrl(name) {
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    stop: async () => {
      await server?.stop();
    },
  };
}
