// What the workflows share: the dev database choice, the target connection, and scope defaults.
import { connect, type Queryable } from '../db/queryable.js';
import { openDevDatabase } from '../dev-db/dev-db.js';
import type { DevDatabase } from '../dev-db/types.js';
import type { Scope } from '../model/scope.js';

/** `embedded` (PGlite), a postgres URL of a scratch database, or an open dev database the caller keeps (reused across
 * calls; never disposed by a workflow). Undefined: a temporary database on the target's server when its role may
 * create one, else PGlite. */
export type DevSpec = string | DevDatabase;

export const ALL_SCHEMAS: Scope = { excludeSchemas: [] };

export interface DevContext {
  readonly targetUrl?: string | undefined;
  readonly protectedUrls?: readonly string[];
}

/** Opens the dev database when a step first needs it; a caller's open dev database is lent, not owned. */
export function devOpener(
  spec: DevSpec | undefined,
  ctx: DevContext,
): (extensions: readonly string[]) => Promise<DevDatabase> {
  return async (extensions) => {
    if (spec !== undefined && typeof spec !== 'string') return { ...spec, dispose: async () => {} };
    return openDevDatabase({
      ...(spec ? { devUrl: spec } : {}),
      ...(ctx.targetUrl ? { targetUrl: ctx.targetUrl } : {}),
      ...(ctx.protectedUrls ? { protectedUrls: ctx.protectedUrls } : {}),
      extensions,
    });
  };
}

export async function withDev<T>(open: Promise<DevDatabase>, fn: (dev: DevDatabase) => Promise<T>): Promise<T> {
  const dev = await open;
  try {
    return await fn(dev);
  } finally {
    await dev.dispose();
  }
}

export async function withDatabase<T>(url: string, fn: (db: Queryable) => Promise<T>): Promise<T> {
  const db = await connect(url);
  try {
    return await fn(db);
  } finally {
    await db.close().catch(() => {});
  }
}

export function since(start: number): number {
  return Math.round(performance.now() - start);
}
