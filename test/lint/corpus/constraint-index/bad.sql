ALTER TABLE public.t ADD CONSTRAINT t_note_key UNIQUE (note);
