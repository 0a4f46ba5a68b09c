-- +sfm no-transaction
VACUUM public.t;
