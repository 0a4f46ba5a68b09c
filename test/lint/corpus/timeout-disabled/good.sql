SET LOCAL lock_timeout = '2s';
ALTER TABLE public.t ADD COLUMN a text;
