-- +sfm no-transaction
CREATE INDEX CONCURRENTLY t_note ON public.t (note);
