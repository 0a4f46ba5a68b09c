CREATE TABLE public.an_event_table (id bigint PRIMARY KEY);
-- A quote inside a quoted name starts no string: the long word after it is inside the string.
CREATE TABLE public."it's" (id bigint PRIMARY KEY, note text DEFAULT 'an_extremely_long_word_inside_a_string_literal_that_is_no_identifier');
