CREATE TABLE t (id int, at timestampp);
