ALTER TABLE public.t ADD COLUMN kind text NOT NULL;
