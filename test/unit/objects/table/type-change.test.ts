// The rewrite rules of a type change on format_type() text (the server-measured table is test/apply/type-rewrites).
import { describe, expect, it } from 'vitest';
import { typeChangeCost, typeShape } from '../../../../src/objects/table/type-change.js';

const cost = (from: string, to: string, constrained = false) =>
  typeChangeCost(typeShape(from), typeShape(to, constrained));

describe('typeShape', () => {
  it('splits a typmod out of the middle of a name and marks arrays', () => {
    expect(typeShape('timestamp(3) without time zone')).toEqual({
      base: 'timestamp without time zone',
      args: [3],
      array: false,
      constrained: false,
    });
    expect(typeShape('numeric(10,2)[]')).toMatchObject({ base: 'numeric', args: [10, 2], array: true });
  });
});

describe('typeChangeCost', () => {
  it.each([
    ['character varying(10)', 'character varying(20)', 'none'],
    ['character varying(20)', 'character varying(10)', 'rewrite'],
    ['character varying', 'text', 'none'],
    ['text', 'character varying(5)', 'rewrite'],
    ['numeric(10,2)', 'numeric(12,2)', 'none'],
    ['numeric(10,2)', 'numeric(12,3)', 'rewrite'],
    ['numeric', 'numeric(12,2)', 'rewrite'],
    ['timestamp(6) without time zone', 'timestamp without time zone', 'none'],
    ['timestamp without time zone', 'timestamp(3) without time zone', 'rewrite'],
    ['timestamp without time zone', 'timestamp with time zone', 'rewrite-unless-utc'],
    ['character(5)', 'character(10)', 'rewrite'],
    ['integer', 'bigint', 'rewrite'],
    ['character varying(10)[]', 'character varying(20)[]', 'rewrite'],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(cost(from, to)).toBe(expected);
  });

  it('a domain with constraints is reached by a rewrite even from its own base type', () => {
    expect(cost('text', 'text', true)).toBe('rewrite');
    expect(cost('text', 'text')).toBe('none');
  });
});
