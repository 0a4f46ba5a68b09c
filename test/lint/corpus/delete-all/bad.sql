DELETE FROM public.t;
