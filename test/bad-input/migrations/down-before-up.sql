-- +sfm down
DROP TABLE t;
-- +sfm up
CREATE TABLE t (id int);
