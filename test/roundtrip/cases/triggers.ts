import type { RoundTripCase } from '../../support/roundtrip.js';

const BASE = `CREATE TABLE t (id int, updated_at timestamptz);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;`;

export const triggerCases: RoundTripCase[] = [
  {
    name: 'trigger created',
    before: BASE,
    after: `${BASE} CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();`,
  },
  {
    name: 'trigger dropped',
    before: `${BASE} CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();`,
    after: BASE,
  },
  {
    name: 'trigger events changed',
    before: `${BASE} CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();`,
    after: `${BASE} CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();`,
  },
  {
    name: 'trigger with WHEN',
    before: BASE,
    after: `${BASE} CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION touch();`,
  },
  {
    name: 'trigger disabled',
    before: `${BASE} CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();`,
    after: `${BASE} CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch(); ALTER TABLE t DISABLE TRIGGER t_touch;`,
  },
  {
    name: 'trigger enabled always',
    before: BASE,
    after: `${BASE} CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch(); ALTER TABLE t ENABLE ALWAYS TRIGGER t_touch;`,
  },
  {
    name: 'constraint trigger',
    before: BASE,
    after: `${BASE} CREATE FUNCTION chk() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$; CREATE CONSTRAINT TRIGGER t_chk AFTER INSERT ON t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION chk();`,
  },
  {
    name: 'statement trigger with transition table',
    before: BASE,
    after: `${BASE} CREATE FUNCTION cnt() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$; CREATE TRIGGER t_cnt AFTER INSERT ON t REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION cnt();`,
  },
  {
    name: 'function whose argument list changes while a trigger uses it',
    before: `CREATE TABLE t (id int); CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER t_trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();`,
    after: `CREATE TABLE t (id int); CREATE FUNCTION trg2() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER t_trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg2();`,
  },
  {
    name: 'trigger function body changes under its trigger',
    before: `${BASE} CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();`,
    after: `CREATE TABLE t (id int, updated_at timestamptz); CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $$; CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();`,
    contains: ['CREATE OR REPLACE FUNCTION'],
  },
  {
    name: 'trigger comment',
    before: `${BASE} CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();`,
    after: `${BASE} CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch(); COMMENT ON TRIGGER t_touch ON t IS 'keeps updated_at';`,
  },
];
