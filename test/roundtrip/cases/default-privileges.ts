import type { RoundTripCase } from '../../support/roundtrip.js';

const S = 'CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY);';
const ROWS = { insert: 'INSERT INTO app.t SELECT generate_series(1, 10);', query: 'SELECT * FROM app.t ORDER BY id' };

export const defaultPrivilegeCases: RoundTripCase[] = [
  {
    name: 'default privileges granted in a schema and for all schemas',
    before: S,
    after: `${S}
      ALTER DEFAULT PRIVILEGES FOR ROLE sfm_writer IN SCHEMA app GRANT SELECT, INSERT ON TABLES TO sfm_reader;
      ALTER DEFAULT PRIVILEGES FOR ROLE sfm_writer GRANT USAGE ON SEQUENCES TO sfm_reader WITH GRANT OPTION;`,
    contains: [
      'ALTER DEFAULT PRIVILEGES FOR ROLE "sfm_writer" IN SCHEMA "app" GRANT INSERT, SELECT ON TABLES TO "sfm_reader"',
      'ALTER DEFAULT PRIVILEGES FOR ROLE "sfm_writer" GRANT USAGE ON SEQUENCES TO "sfm_reader" WITH GRANT OPTION',
    ],
    rows: ROWS,
  },
  {
    name: 'a built-in default revoked: EXECUTE on functions from PUBLIC, and back',
    before: S,
    after: `${S} ALTER DEFAULT PRIVILEGES FOR ROLE sfm_writer REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
      ALTER DEFAULT PRIVILEGES FOR ROLE sfm_writer REVOKE USAGE ON TYPES FROM PUBLIC;`,
    contains: ['ALTER DEFAULT PRIVILEGES FOR ROLE "sfm_writer" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC'],
    rows: ROWS,
  },
  {
    name: 'default privileges changed in place: one added, one taken, a grant option lost',
    before: `${S}
      ALTER DEFAULT PRIVILEGES FOR ROLE sfm_writer IN SCHEMA app GRANT SELECT, UPDATE ON TABLES TO sfm_reader WITH GRANT OPTION;`,
    after: `${S}
      ALTER DEFAULT PRIVILEGES FOR ROLE sfm_writer IN SCHEMA app GRANT SELECT, DELETE ON TABLES TO sfm_reader;`,
    rows: ROWS,
  },
  {
    name: 'default privileges dropped with their schema',
    before: `${S} CREATE SCHEMA gone;
      ALTER DEFAULT PRIVILEGES FOR ROLE sfm_writer IN SCHEMA gone GRANT SELECT ON TABLES TO sfm_reader;`,
    after: S,
    rows: ROWS,
  },
];
