ALTER TABLE public.t RENAME COLUMN note TO remark;
