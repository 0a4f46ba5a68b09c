ALTER TABLE public.t ADD COLUMN remark text;
