CLUSTER public.t USING t_pkey;
