CREATE TABLE t (a int, b int);
CREATE INDEX ix ON t (a);
CREATE INDEX ix ON t (b);
