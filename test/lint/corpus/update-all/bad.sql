UPDATE public.t SET v = 0;
