-- +sfm no-transaction
REINDEX INDEX CONCURRENTLY public.t_v;
