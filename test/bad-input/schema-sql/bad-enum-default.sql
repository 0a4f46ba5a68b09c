CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE TABLE t (m mood DEFAULT 'happy');
