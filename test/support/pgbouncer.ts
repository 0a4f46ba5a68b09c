// A throwaway PgBouncer in front of the test server: an ini file and a user list in a temporary folder, started as a
// non-root user (as root: the `postgres` user, like the test server). Debian's pgbouncer package; .ci/run installs it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PGBOUNCER = process.env['PGBOUNCER_PATH'] ?? '/usr/sbin/pgbouncer';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Bouncer {
  /** The URL of `database` through the pooler. */
  url(database: string): string;
  stop(): Promise<void>;
}

/** `users`: further roles the pooler logs in as (with their passwords), beside the server URL's own. */
export async function startPgbouncer(
  serverUrl: string,
  poolMode: 'transaction' | 'session' = 'transaction',
  users: readonly { readonly name: string; readonly password: string }[] = [],
): Promise<Bouncer> {
  if (!existsSync(PGBOUNCER))
    throw new Error(`PgBouncer is needed at ${PGBOUNCER} (apt-get install pgbouncer; .ci/run does)`);
  const server = new URL(serverUrl);
  const dir = mkdtempSync(join(tmpdir(), 'sfm-pgbouncer-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const user = decodeURIComponent(server.username);
  writeFileSync(
    join(dir, 'users.txt'),
    [{ name: user, password: decodeURIComponent(server.password) }, ...users]
      .map((u) => `"${u.name}" "${u.password}"\n`)
      .join(''),
  );
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      `pool_mode = ${poolMode}`,
      'default_pool_size = 4',
      'max_client_conn = 200',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      'ignore_startup_parameters = extra_float_digits,options',
      '',
    ].join('\n'),
  );
  for (const f of ['users.txt', 'pgbouncer.ini']) chmodSync(join(dir, f), 0o644);
  const asRoot = process.getuid?.() === 0;
  const cmd = asRoot ? 'runuser' : PGBOUNCER;
  const args = asRoot ? ['-u', 'postgres', '--', PGBOUNCER, join(dir, 'pgbouncer.ini')] : [join(dir, 'pgbouncer.ini')];
  const child: ChildProcess = spawn(cmd, args, { stdio: 'ignore' });
  // Ready when it accepts connections.
  for (let i = 0; i < 100; i++) {
    const ok =
      spawnSync(process.execPath, [
        '-e',
        `require('net').connect(${port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`,
      ]).status === 0;
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url(database: string) {
      const u = new URL(serverUrl);
      u.port = String(port);
      u.hostname = '127.0.0.1';
      u.pathname = `/${database}`;
      return u.toString();
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
    },
  };
}
