CREATE TABLE kept (id int PRIMARY KEY, note text);
COPY kept TO PROGRAM 'touch /tmp/sfm-should-not-exist';
