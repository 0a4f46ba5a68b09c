CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT missing_column FROM pg_class $$;
