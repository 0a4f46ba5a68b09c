import { describe, expect, it } from 'vitest';
import { byteToCharOffset } from '../../src/errors.js';

// The parser reports UTF-8 byte offsets; files are JavaScript strings. Reference: re-encode the text up to the offset.
const reference = (text: string, byteOffset: number) =>
  Buffer.from(text, 'utf8').subarray(0, byteOffset).toString('utf8').length;

/** Byte offsets where a character starts (and the end). */
function boundaries(text: string): number[] {
  const out = [0];
  for (const ch of text) out.push((out.at(-1) as number) + Buffer.byteLength(ch, 'utf8'));
  return out;
}

describe('byteToCharOffset', () => {
  it.each([
    ['ASCII', 'CREATE TABLE t (id int);'],
    ['two- and three-byte characters', "COMMENT ON TABLE t IS 'héllo wörld €';"],
    ['surrogate pairs', "SELECT '😀😀' AS a, 'x€' AS b;"],
  ])('maps every character boundary of %s text as re-encoding does', (_name, text) => {
    for (const b of boundaries(text)) expect(byteToCharOffset(text, b), `byte ${b}`).toBe(reference(text, b));
  });

  it('answers for several files in turn (its map belongs to one text at a time)', () => {
    const a = 'é'.repeat(10);
    const b = 'x'.repeat(10);
    expect([byteToCharOffset(a, 4), byteToCharOffset(b, 4), byteToCharOffset(a, 6), byteToCharOffset(a, 100)]).toEqual([
      2, 4, 3, 10,
    ]);
  });
});
