ALTER TABLE public.t ADD CONSTRAINT t_note_key UNIQUE USING INDEX t_note_key;
