-- +sfm no-transaction
VACUUM FULL public.t;
