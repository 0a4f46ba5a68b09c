import { describe, expect, it } from 'vitest';
import { canonicalJson, sameJson } from '../../src/model/canonical.js';

// What canonicalJson must keep giving byte for byte: hashes of it are recorded in migration headers.
const reference = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const obj = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(obj)
          .sort()
          .map((k) => [k, obj[k]]),
      );
    }
    return v;
  });

// A small deterministic generator of the shapes model objects take (and a few they do not, to pin the edges).
function random(seed: number) {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const keys = [
    'a',
    'b',
    'name',
    '10',
    '2',
    'Z',
    'é',
    'with"quote',
    'x.y',
    '0',
    '01',
    '-1',
    '4294967295',
    '4294967294',
  ];
  const value = (depth: number): unknown => {
    const r = next();
    if (depth > 3 || r < 0.3) {
      const leaves = [
        null,
        undefined,
        true,
        false,
        0,
        -0,
        1.5,
        1e21,
        NaN,
        Infinity,
        'text',
        '',
        'line\nbreak',
        '\u2028',
        () => 1,
      ];
      return leaves[Math.floor(next() * leaves.length)];
    }
    if (r < 0.55) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    if (r < 0.6) return new Date(Math.floor(next() * 1e12));
    const obj: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i--)
      obj[keys[Math.floor(next() * keys.length)] as string] = value(depth + 1);
    return obj;
  };
  return value;
}

describe('canonicalJson', () => {
  it('gives the same text as JSON.stringify with sorted keys, on 5,000 generated values', () => {
    for (let seed = 1; seed <= 5000; seed++) {
      const v = random(seed)(0);
      expect(canonicalJson(v), `seed ${seed}`).toBe(reference(v));
    }
  });

  it('sorts keys at every depth and leaves array order alone', () => {
    expect(canonicalJson({ b: [3, 1, { d: 1, c: 2 }], a: undefined, '10': 1, '9': 2 })).toBe(
      '{"9":2,"10":1,"b":[3,1,{"c":2,"d":1}]}',
    );
  });
});

describe('sameJson', () => {
  it('agrees with comparing the canonical texts, on 20,000 generated pairs', () => {
    let equal = 0;
    for (let seed = 1; seed <= 20000; seed++) {
      const a = random(seed)(1);
      // Every third pair compares a value with a copy of itself with its keys reversed: mostly equal pairs.
      const b = seed % 3 === 0 ? (JSON.parse(reference(a) ?? 'null') as unknown) : random(seed * 7 + 1)(1);
      const want = reference(a) === reference(b);
      if (want) equal++;
      expect(sameJson(a, b), `seed ${seed}`).toBe(want);
    }
    expect(equal).toBeGreaterThan(5000);
  });

  it('ignores key order and left-out values, not array order', () => {
    expect(sameJson({ a: 1, b: [1, 2], c: undefined }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameJson({ b: [1, 2] }, { b: [2, 1] })).toBe(false);
    expect(sameJson([undefined], [null])).toBe(true);
    expect(sameJson({ a: null }, {})).toBe(false);
  });
});
