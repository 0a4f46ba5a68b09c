CREATE TABLE kept (id int PRIMARY KEY, note text);
DROP DATABASE IF EXISTS some_other_database;
