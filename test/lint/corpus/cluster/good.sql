ANALYZE public.t;
