-- +sfm no-transaction
DROP INDEX CONCURRENTLY public.t_v;
