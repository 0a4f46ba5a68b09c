-- +sfm up
CREATE TABLE t (id int);
ALTER TABLE missing ADD COLUMN x int;
-- +sfm down
DROP TABLE t;
