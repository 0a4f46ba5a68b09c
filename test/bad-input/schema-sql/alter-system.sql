CREATE TABLE kept (id int PRIMARY KEY, note text);
ALTER SYSTEM SET work_mem = '1GB';
