// stats: the target's table sizes, as `plan --stats` reads them (so a plan in CI knows production's sizes).
import { withDatabase } from '../db/queryable.js';
import { readStats, type TableStats } from '../impact/stats.js';
import { ALL_SCHEMAS, type Scope } from '../model/scope.js';

export interface StatsOptions {
  readonly url: string;
  readonly scope?: Scope | undefined;
}

export async function tableStats(o: StatsOptions): Promise<TableStats> {
  return withDatabase(o.url, (db) => readStats(db, o.scope ?? ALL_SCHEMAS));
}
