ALTER TABLE public.t ADD COLUM x integer;
