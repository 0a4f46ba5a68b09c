CREATE TABLE t (note text DEFAULT 'oops);
