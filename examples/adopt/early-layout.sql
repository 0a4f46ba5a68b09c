-- The SFM service's first layout, made by hand before sfm-schema existed: a stand-in for a database that has held
-- the schema and its rows for years. Names and types as the service's first release had them: plural table names,
-- node_type / link_type, properties as JSON text, creation times as Unix seconds, weights as real.
CREATE SCHEMA sfm;

CREATE TABLE sfm.node_kind (code text PRIMARY KEY, label text NOT NULL);
CREATE TABLE sfm.relationship_kind (code text PRIMARY KEY, label text NOT NULL);

CREATE TABLE sfm.nodes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  node_type text NOT NULL REFERENCES sfm.node_kind (code),
  name text NOT NULL,
  props text NOT NULL DEFAULT '{}',
  created bigint NOT NULL DEFAULT extract(epoch FROM now())::bigint
);

CREATE TABLE sfm.links (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  from_node bigint NOT NULL REFERENCES sfm.nodes (id),
  to_node bigint NOT NULL REFERENCES sfm.nodes (id),
  link_type text NOT NULL REFERENCES sfm.relationship_kind (code),
  weight real NOT NULL DEFAULT 1
);

INSERT INTO sfm.node_kind VALUES ('actor', 'Actor'), ('institution', 'Institution'), ('policy', 'Policy');
INSERT INTO sfm.relationship_kind VALUES ('delivers', 'Delivers'), ('regulates', 'Regulates');
INSERT INTO sfm.nodes (node_type, name, props, created) VALUES
  ('actor', 'Farmers'' cooperative', '{"members": 120}', 1262304000),
  ('institution', 'Land tenure', '{}', 1293840000),
  ('policy', 'Water pricing', '{"since": 2011}', 1325376000);
INSERT INTO sfm.links (from_node, to_node, link_type, weight) VALUES (1, 2, 'delivers', 0.75), (3, 1, 'regulates', 1);
