-- +sfm up
CREATE TABLE t (id int);
