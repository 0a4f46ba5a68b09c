CREATE TABLE t (id int);
CREATE INDEX t_x ON t (x);
