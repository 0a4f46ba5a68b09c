CREATE TABLE kept (id int PRIMARY KEY, note text);
CREATE SUBSCRIPTION s CONNECTION 'host=publisher.example dbname=app' PUBLICATION p;
