CREATE TABLE public.an_event_table (id bigint PRIMARY KEY);
