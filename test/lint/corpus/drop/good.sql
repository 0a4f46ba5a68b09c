DROP VIEW public.old_report;
