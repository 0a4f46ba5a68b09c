CREATE INDEX t_note ON public.t (note);
