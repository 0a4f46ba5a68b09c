// Poolers that share server connections between clients (PgBouncer in transaction or statement mode): session
// advisory locks and session SETs do not hold through them. Two probes; either one is enough:
//  - the server sees our connection come from another port than the one we connect from: something sits between
//    (a pooler, or a proxy or NAT, which is then treated the same way: safe, only without session settings);
//  - a second client, pinned in a transaction, lands on the very server connection the first one just used, which
//    never happens where each client has its own backend (for a pooler on a Unix socket).
// directUrl in the config removes the question.
import { connect, type Queryable } from './queryable.js';

export async function sharesServerConnections(url: string, first: Queryable): Promise<boolean> {
  const [a] = await first.query<{ pid: number; port: number | null }>(
    'SELECT pg_backend_pid() AS pid, inet_client_port() AS port',
  );
  const local = first.localPort?.();
  if (a?.port !== null && a?.port !== undefined && local !== undefined && a.port !== local) return true;
  const second = await connect(url, 'pooler probe');
  try {
    await second.exec('BEGIN');
    const [b] = await second.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await second.exec('COMMIT');
    return a !== undefined && b !== undefined && a.pid === b.pid;
  } finally {
    await second.close().catch(() => {});
  }
}
