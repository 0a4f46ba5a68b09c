CREATE TABLE public.items (id bigserial PRIMARY KEY);
