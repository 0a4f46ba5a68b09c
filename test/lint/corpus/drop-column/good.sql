ALTER TABLE public.t ADD COLUMN note2 text;
