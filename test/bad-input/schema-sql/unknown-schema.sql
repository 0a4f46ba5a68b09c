CREATE TABLE nowhere.t (id int);
