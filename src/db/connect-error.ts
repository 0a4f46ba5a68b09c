// A failed connection as one line a person can act on: where (host, port, database, never the password), what
// happened, and what to check.
import { ConnectionError } from '../errors.js';

interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
}

function endpointOf(url: string): Endpoint {
  try {
    const u = new URL(url);
    const host = decodeURIComponent(u.hostname || u.searchParams.get('host') || process.env['PGHOST'] || 'localhost');
    const user = decodeURIComponent(u.username || process.env['PGUSER'] || process.env['USER'] || 'postgres');
    const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || process.env['PGDATABASE'] || user;
    return { host, port: Number(u.port || process.env['PGPORT'] || 5432), database, user };
  } catch {
    return { host: '?', port: 0, database: '?', user: '?' };
  }
}

const codeOf = (err: unknown): string | undefined => {
  const e = err as { code?: unknown; errors?: { code?: unknown }[] };
  if (typeof e?.code === 'string') return e.code;
  const inner = e?.errors?.find((x) => typeof x.code === 'string');
  return inner?.code as string | undefined;
};

function explain(err: unknown, ep: Endpoint): string {
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused: is PostgreSQL running there and listening on that port?';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host ${ep.host} was not found: check the host name in the URL`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the server did not answer: check the host, port and firewall';
    case '3D000':
      return `database "${ep.database}" does not exist: create it or fix the database name in the URL`;
    case '28P01':
      return `password authentication failed for user "${ep.user}": check the user and password`;
    case '28000':
      return `the server refused user "${ep.user}" (${message}): check the user name and pg_hba.conf`;
    case '57P03':
      return 'the server is starting up or shutting down: try again shortly';
    case '53300':
      return 'the server has no connection slots left: try again later or raise max_connections';
    default:
      if (/timeout/i.test(message)) return 'the connection timed out: check the host, port and firewall';
      if (/password must be a string|SASL/i.test(message))
        return `the server asks for a password for user "${ep.user}" and none was given: add it to the URL or PGPASSWORD`;
      return message.split('\n')[0] ?? message;
  }
}

export function connectionError(err: unknown, url: string, role: string): ConnectionError {
  const ep = endpointOf(url);
  return new ConnectionError(
    `cannot connect to the ${role} at ${ep.host}:${ep.port}/${ep.database}: ${explain(err, ep)}`,
    {
      cause: err,
      details: { host: ep.host, port: ep.port, database: ep.database },
    },
  );
}
