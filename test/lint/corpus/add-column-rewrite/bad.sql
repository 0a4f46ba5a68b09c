ALTER TABLE public.t ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE public.t ADD COLUMN doubled int GENERATED ALWAYS AS (a * 2) STORED;
