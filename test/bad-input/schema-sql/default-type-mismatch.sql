CREATE TABLE t (n int DEFAULT 'abc');
