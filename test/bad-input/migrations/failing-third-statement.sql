-- +sfm up
CREATE TABLE a (id int);
CREATE TABLE b (id int);
INSERT INTO a VALUES ('x');
-- +sfm down
DROP TABLE b;
DROP TABLE a;
