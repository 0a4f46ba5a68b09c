DROP TABLE public.old_events;
