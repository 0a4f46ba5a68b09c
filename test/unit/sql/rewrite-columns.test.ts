// Declared conversions written over other names (issue 24): only column references change, found by the parser.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser } from '../../../src/sql/parse.js';
import { rewriteColumns } from '../../../src/sql/rewrite-columns.js';

beforeAll(ensureParser);

describe('rewriteColumns', () => {
  it('replaces column references, not strings, functions or other names', () => {
    const map = new Map([
      ['price', 'NEW."price"'],
      ['name', 'NEW."na""me"'],
    ]);
    expect(rewriteColumns(`round(price * 100) || 'price' || lower(name) || other`, map)).toBe(
      `round(NEW."price" * 100) || 'price' || lower(NEW."na""me") || other`,
    );
    expect(rewriteColumns(`"price"::numeric + t.price`, map)).toBe(`NEW."price"::numeric + t.price`);
  });

  it('keeps text around multi-byte characters in place', () => {
    expect(rewriteColumns(`'ü' || price || 'é'`, new Map([['price', 'a.x']]))).toBe(`'ü' || a.x || 'é'`);
  });
});
