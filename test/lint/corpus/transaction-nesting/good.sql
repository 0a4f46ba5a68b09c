ALTER TABLE public.t ADD COLUMN a text;
