REINDEX INDEX public.t_v;
