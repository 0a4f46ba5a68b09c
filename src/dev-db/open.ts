// Opening the dev database a workflow needs: the caller's own (lent, never disposed), a URL, or a default one.
import { openDevDatabase } from './dev-db.js';
import type { DevDatabase } from './types.js';

/** `embedded` (PGlite), a postgres URL of a scratch database, or an open dev database the caller keeps (reused across
 * calls; never disposed by a workflow). Undefined: a temporary database on the target's server when its role may
 * create one, else PGlite. */
export type DevSpec = string | DevDatabase;

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
