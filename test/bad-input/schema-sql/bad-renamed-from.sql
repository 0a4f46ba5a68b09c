-- sfm:renamed-from
CREATE TABLE t (id int;
