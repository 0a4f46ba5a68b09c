ALTER TABLE public.t ADD COLUMN token uuid;
-- PostgreSQL 18: a virtual column is computed when read, nothing is written.
ALTER TABLE public.t ADD COLUMN doubled int GENERATED ALWAYS AS (a * 2) VIRTUAL;
