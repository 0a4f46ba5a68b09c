SET lock_timeout = 0;
ALTER TABLE public.t ADD COLUMN a text;
