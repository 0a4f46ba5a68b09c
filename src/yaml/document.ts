// YAML documents with positions: parse errors, zod issues and any node path become file:line:column.
import { LineCounter, parseDocument, isMap, isSeq, type Node, type Document } from 'yaml';
import type { z } from 'zod';
import { LocatedError, type SourceLocation } from '../errors.js';

export interface LocatedDocument {
  readonly file: string;
  readonly doc: Document.Parsed;
  where(offset: number): SourceLocation;
  /** The place of the node at `path` (or of its nearest existing parent). */
  at(path: readonly PropertyKey[]): SourceLocation;
}

function nodeAt(doc: Document.Parsed, path: readonly PropertyKey[]): Node | undefined {
  let node: unknown = doc.contents;
  let last: Node | undefined = node as Node | undefined;
  for (const key of path) {
    if (isMap(node)) node = node.get(String(key), true);
    else if (isSeq(node)) node = node.get(Number(key), true);
    else break;
    if (node === undefined) break;
    last = node as Node;
  }
  return last;
}

/** Parses YAML; a syntax error becomes a LocatedError at its place. */
export function parseLocated(file: string, text: string): LocatedDocument {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const where = (offset: number): SourceLocation => {
    const p = lc.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  if (doc.errors.length) {
    const e = doc.errors[0] as { pos: [number, number]; message: string };
    throw new LocatedError(where(e.pos[0]), e.message.split('\n')[0] ?? e.message);
  }
  return {
    file,
    doc,
    where,
    at: (path) => {
      const node = nodeAt(doc, path);
      return node?.range ? where(node.range[0]) : { file, line: 1, column: 1 };
    },
  };
}

/** The first zod issue as file:line:column: `path.to.key: message`. */
export function issueError(d: LocatedDocument, error: z.ZodError, root: string): LocatedError {
  const issue = error.issues[0] as z.core.$ZodIssue;
  // An unknown key is reported at the key itself.
  const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
  const path = keys.length ? [...issue.path, keys[0] as string] : issue.path;
  const name = issue.path.length ? issue.path.join('.') : root;
  return new LocatedError(keyAwareAt(d, path, keys.length > 0), `${name}: ${issue.message}`);
}

function keyAwareAt(d: LocatedDocument, path: readonly PropertyKey[], atKey: boolean): SourceLocation {
  if (!atKey) return d.at(path);
  const parent = nodeAt(d.doc, path.slice(0, -1));
  if (isMap(parent)) {
    const pair = parent.items.find((i) => (i.key as { value?: unknown } | null)?.value === path[path.length - 1]);
    const range = (pair?.key as Node | undefined)?.range;
    if (range) return d.where(range[0]);
  }
  return d.at(path);
}
