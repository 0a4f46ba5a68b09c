CREATE TABLE t (id int);
-- +sfm down
DROP TABLE t;
