ALTER TABLE public.t DROP CONSTRAINT t_v_check;
