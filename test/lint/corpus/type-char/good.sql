CREATE TABLE public.codes (id bigint PRIMARY KEY, code text);
