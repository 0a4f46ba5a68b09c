import type { RoundTripCase } from '../../support/roundtrip.js';

const T = 'CREATE TABLE doc (id int PRIMARY KEY, body text);';
const ROWS = {
  insert: "INSERT INTO doc SELECT g, 'the quick brown fox number ' || g FROM generate_series(1, 20) g;",
  query: 'SELECT * FROM doc ORDER BY id',
};
const DICT = `CREATE TEXT SEARCH DICTIONARY english_stem_nostop (TEMPLATE = snowball, language = 'english');`;
const CONFIG = `CREATE TEXT SEARCH CONFIGURATION en (COPY = pg_catalog.english);`;

export const textSearchCases: RoundTripCase[] = [
  {
    name: 'text search dictionary and configuration created, used by an index',
    before: T,
    after: `${T} ${DICT} ${CONFIG}
      ALTER TEXT SEARCH CONFIGURATION en ALTER MAPPING FOR asciiword, word WITH english_stem_nostop;
      CREATE INDEX doc_fts ON doc USING gin (to_tsvector('public.en'::regconfig, body));`,
    contains: [
      'CREATE TEXT SEARCH DICTIONARY',
      'CREATE TEXT SEARCH CONFIGURATION "public"."en" (PARSER = "pg_catalog"."default")',
    ],
    order: ['CREATE TEXT SEARCH DICTIONARY', 'CREATE TEXT SEARCH CONFIGURATION', 'CREATE INDEX'],
    rows: ROWS,
  },
  {
    name: 'configuration mappings changed in place, the index over it kept',
    before: `${T} ${DICT} ${CONFIG}
      CREATE INDEX doc_fts ON doc USING gin (to_tsvector('public.en'::regconfig, body));`,
    after: `${T} ${DICT} ${CONFIG}
      ALTER TEXT SEARCH CONFIGURATION en ALTER MAPPING FOR asciiword WITH english_stem_nostop, simple;
      ALTER TEXT SEARCH CONFIGURATION en DROP MAPPING FOR email, url;
      CREATE INDEX doc_fts ON doc USING gin (to_tsvector('public.en'::regconfig, body));`,
    contains: ['ALTER MAPPING FOR "asciiword" WITH', 'DROP MAPPING FOR "email", "url"'],
    noHazards: ['INDEX_BUILD'],
    rows: ROWS,
  },
  {
    name: 'dictionary options changed: re-created with the configuration that uses it',
    before: `${T} ${DICT} ${CONFIG} ALTER TEXT SEARCH CONFIGURATION en ALTER MAPPING FOR asciiword WITH english_stem_nostop;`,
    after: `${T} CREATE TEXT SEARCH DICTIONARY english_stem_nostop (TEMPLATE = simple, stopwords = english, accept = false);
      ${CONFIG} ALTER TEXT SEARCH CONFIGURATION en ALTER MAPPING FOR asciiword WITH english_stem_nostop;`,
    contains: ['DROP TEXT SEARCH DICTIONARY'],
    rows: ROWS,
  },
  {
    name: 'text search objects dropped, with a comment and in another schema',
    before: `${T} CREATE SCHEMA fts; CREATE TEXT SEARCH DICTIONARY fts.simple_nostop (TEMPLATE = simple);
      CREATE TEXT SEARCH CONFIGURATION fts.plain (PARSER = default);
      ALTER TEXT SEARCH CONFIGURATION fts.plain ADD MAPPING FOR asciiword, word WITH fts.simple_nostop;
      COMMENT ON TEXT SEARCH CONFIGURATION fts.plain IS 'no stemming';`,
    after: `${T} CREATE SCHEMA fts;`,
    rows: ROWS,
  },
  {
    name: 'configuration parser kept, comment added, and a generated column using it',
    before: `${T} ${CONFIG}`,
    after: `${CONFIG} COMMENT ON TEXT SEARCH CONFIGURATION en IS 'english, ours';
      CREATE TABLE doc (id int PRIMARY KEY, body text, tsv tsvector GENERATED ALWAYS AS (to_tsvector('public.en'::regconfig, body)) STORED);`,
    rows: ROWS,
  },
];
