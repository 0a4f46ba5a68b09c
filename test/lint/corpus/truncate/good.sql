DELETE FROM public.t WHERE id = 1;
