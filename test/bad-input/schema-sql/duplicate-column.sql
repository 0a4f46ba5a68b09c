CREATE TABLE t (id int, id int);
