#!/usr/bin/env node
// A stand-in for psql in the examples test, so that it needs no PostgreSQL client installed: `psql URL [-v …] [-q]
// -f FILE` or `-c SQL` runs the file or command as one simple query (several statements, like psql -1 without -1).
import { readFileSync } from 'node:fs';
import pg from 'pg';

const args = process.argv.slice(2);
let url;
const sql = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '-f') sql.push(readFileSync(args[++i], 'utf8'));
  else if (a === '-c') sql.push(args[++i]);
  else if (a === '-v') i++;
  else if (!a.startsWith('-')) url = a;
}
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  for (const text of sql) await client.query(text);
} catch (err) {
  process.stderr.write(`psql: error: ${err.message}\n`);
  process.exitCode = 3;
} finally {
  await client.end();
}
