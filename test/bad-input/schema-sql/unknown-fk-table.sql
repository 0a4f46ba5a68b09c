CREATE TABLE child (id int, parent_id int REFERENCES parent (id));
