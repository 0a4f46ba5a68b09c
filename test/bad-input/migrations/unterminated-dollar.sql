-- +sfm up
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1;
-- +sfm down
DROP FUNCTION f();
