CREATE TABLE t (id int DEFAULT no_such_function());
