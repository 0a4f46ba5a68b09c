DROP INDEX public.t_v;
