TRUNCATE public.t;
