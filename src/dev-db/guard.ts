// A database named by --dev-url is wiped before every use, so it must be a scratch database: empty, or marked by
// sfm-schema when it first emptied it. Anything else (one wrong variable in CI pointing at production) is refused
// before a single statement changes it.
import type { Queryable } from '../db/queryable.js';
import { DevDatabaseError, redact } from '../errors.js';
import { quoteIdent, quoteLiteral } from '../sql/quote.js';

/** The comment sfm-schema puts on a dev database it has emptied; only sfm-schema writes it. */
export const DEV_MARKER = 'sfm-schema dev database: emptied by sfm-schema before every use; keep nothing here';

const CONTENTS = `
WITH user_ns AS (
  SELECT oid, nspname FROM pg_catalog.pg_namespace
  WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'
)
SELECT
  (SELECT count(*) FROM user_ns WHERE nspname <> 'public')::int AS schemas,
  (SELECT count(*) FROM pg_catalog.pg_class c JOIN user_ns n ON n.oid = c.relnamespace)::int AS relations,
  (SELECT count(*) FROM pg_catalog.pg_type t JOIN user_ns n ON n.oid = t.typnamespace
     WHERE t.typrelid = 0 AND t.typcategory <> 'A')::int AS types,
  (SELECT count(*) FROM pg_catalog.pg_proc p JOIN user_ns n ON n.oid = p.pronamespace)::int AS functions,
  (SELECT count(*) FROM pg_catalog.pg_event_trigger)::int AS event_triggers,
  (SELECT coalesce(array_agg(extname::text ORDER BY extname), '{}') FROM pg_catalog.pg_extension
     WHERE extname <> 'plpgsql') AS extensions,
  current_database() AS database,
  (SELECT pg_catalog.shobj_description(d.oid, 'pg_database') FROM pg_catalog.pg_database d
     WHERE d.datname = current_database()) AS marker`;

interface Contents {
  schemas: number;
  relations: number;
  types: number;
  functions: number;
  event_triggers: number;
  extensions: string[];
  database: string;
  marker: string | null;
}

function describe(c: Contents): string[] {
  const n = (count: number, what: string) => (count > 0 ? [`${count} ${what}${count === 1 ? '' : 's'}`] : []);
  return [
    ...n(c.schemas, 'schema'),
    ...(c.relations > 0 ? [`${c.relations} relation(s): tables, views, indexes or sequences`] : []),
    ...n(c.types, 'type'),
    ...n(c.functions, 'function'),
    ...n(c.event_triggers, 'event trigger'),
    ...(c.extensions.length ? [`extension${c.extensions.length === 1 ? '' : 's'} ${c.extensions.join(', ')}`] : []),
  ];
}

/** Where a URL points: host, port and database, with the spellings of the loopback address made one. */
function databaseAddress(url: string): string {
  try {
    const u = new URL(url);
    const host = decodeURIComponent(u.hostname || u.searchParams.get('host') || 'localhost').toLowerCase();
    const local =
      ['localhost', '127.0.0.1', '[::1]', '::1', ''].includes(host) || host.startsWith('/') ? 'localhost' : host;
    const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres';
    return `${local}:${u.port || '5432'}/${db}`;
  } catch {
    return url;
  }
}

/** Refuses a dev URL that names one of the databases the command works on. */
export function refuseTargetAsDev(devUrl: string, targets: readonly string[]): void {
  const dev = databaseAddress(devUrl);
  if (targets.some((t) => databaseAddress(t) === dev)) {
    throw new DevDatabaseError(
      `refusing to use ${redact(devUrl)} as the dev database: it is the database this command works on, ` +
        'and a dev database is emptied before use. Point --dev-url at a separate, empty scratch database',
      { database: dev, holds: [] },
    );
  }
}

/** Accepts an empty or marked database (and marks it); throws naming what it holds otherwise. Returns whether the
 * mark could be written (a role that does not own the database cannot comment on it). */
export async function claimScratch(db: Queryable, url: string): Promise<boolean> {
  const [c] = await db.query<Contents>(CONTENTS);
  if (!c)
    throw new DevDatabaseError(`cannot read the contents of the dev database ${redact(url)}`, {
      database: databaseAddress(url),
      holds: [],
    });
  if (c.marker === DEV_MARKER) return true;
  const holds = describe(c);
  if (holds.length > 0) {
    throw new DevDatabaseError(
      `refusing to use the dev database ${databaseAddress(url)}: it is not empty (${holds.join('; ')}). ` +
        'A dev database is emptied before every use, so it must be a scratch database: create an empty one for --dev-url, ' +
        'or use --dev-url embedded',
      { database: databaseAddress(url), holds },
    );
  }
  try {
    await db.exec(`COMMENT ON DATABASE ${quoteIdent(c.database)} IS ${quoteLiteral(DEV_MARKER)}`);
    return true;
  } catch {
    return false;
  }
}
