// Exactly what runSegments sends, for `apply --dry-run`: transaction boundaries, timeouts, statements.
import { segmentsOf, type SectionSource } from '../migrations/segments.js';
import { DEFAULT_BACKFILL, RESET, settingsSql, type RunSettings } from './settings.js';

export async function sectionScript(src: SectionSource, s: RunSettings, recordSql: string): Promise<string> {
  const segments = await segmentsOf(src);
  const out: string[] = [];
  const tx = (body: string[]) => ['BEGIN;', ...settingsSql(s, true).map((x) => `${x};`), ...body, 'COMMIT;'];
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    const body = seg.statements.map((x) => `${x.sql};`);
    if (seg.transactional) out.push(...tx([...body, ...(last ? [recordSql] : [])]));
    else if (seg.backfill) {
      out.push(
        `-- in batches of ${s.backfill?.batchRows ?? DEFAULT_BACKFILL.batchRows} rows over the table's key, each its own ` +
          'transaction (… WHERE key > last AND key <= next), resumed after the last one by a re-run',
        ...body,
      );
      if (last) out.push(...tx([recordSql]));
    } else {
      out.push(
        '-- outside a transaction (retried on lock timeout; resumed here by a re-run after a failure)',
        ...settingsSql(s, false).map((x) => `${x};`),
        ...body,
        ...RESET.map((x) => `${x};`),
      );
      if (last) out.push(...tx([recordSql]));
    }
  });
  if (segments.length === 0) out.push(...tx([recordSql]));
  return out.join('\n');
}
