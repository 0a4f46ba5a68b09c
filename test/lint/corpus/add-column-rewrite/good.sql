ALTER TABLE public.t ADD COLUMN token uuid;
