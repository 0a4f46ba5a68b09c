CREATE TABLE t (id int CHECK (amount > 0));
