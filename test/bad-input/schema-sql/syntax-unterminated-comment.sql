/* never closed
CREATE TABLE t (id int);
