CREATE TABLE public.codes (id bigint PRIMARY KEY, code char(3));
