-- sfm-schema migration
-- from: sha256:654dcba32242bdd26e6aada5d97ac60d0c3734889be8e6977ad379fe9aace8a8
-- to: sha256:15bbd47f5857b82657efbd511d6224345e6f773716e6131c0e230f1f6ab8ddfc
-- hazards: none
-- down-hazards: DELETES_DATA
-- +sfm up
-- step 1: create schema:sfm
CREATE SCHEMA "sfm";

-- step 2: create comment:schema:sfm
COMMENT ON SCHEMA "sfm" IS 'Social Fabric Matrix graph service';

-- step 3: create table:sfm.audit_log
CREATE TABLE "sfm"."audit_log" (
  "id" bigint GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE) NOT NULL,
  "table_name" text NOT NULL,
  "row_id" text,
  "action" text NOT NULL,
  "old_row" jsonb,
  "new_row" jsonb,
  "changed_by" text DEFAULT CURRENT_USER NOT NULL,
  "changed_at" timestamp with time zone DEFAULT now() NOT NULL
);

-- step 4: create comment:table:sfmaudit_log
COMMENT ON TABLE "sfm"."audit_log" IS 'Every change to the matrix: who, when, and the row before and after.';

-- step 5: create constraint:sfm.audit_log.audit_log_action_check
ALTER TABLE "sfm"."audit_log" ADD CONSTRAINT "audit_log_action_check" CHECK ((action = ANY (ARRAY['INSERT'::text, 'UPDATE'::text, 'DELETE'::text])));

-- step 6: create constraint:sfm.audit_log.audit_log_pkey
ALTER TABLE "sfm"."audit_log" ADD CONSTRAINT "audit_log_pkey" PRIMARY KEY (id);

-- step 7: create index:sfm.audit_log_changed_at
CREATE INDEX audit_log_changed_at ON sfm.audit_log USING brin (changed_at);

-- step 8: create index:sfm.audit_log_row
CREATE INDEX audit_log_row ON sfm.audit_log USING btree (table_name, row_id);

-- step 9: create table:sfm.flow
CREATE TABLE "sfm"."flow" (
  "id" bigint GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE) NOT NULL,
  "source_id" bigint NOT NULL,
  "target_id" bigint NOT NULL,
  "flow_type" text NOT NULL,
  "quantity" numeric NOT NULL,
  "unit_code" text NOT NULL,
  "time_slice_id" bigint NOT NULL,
  "scenario_id" bigint,
  "metadata" jsonb DEFAULT '{}'::jsonb NOT NULL
);

-- step 10: create comment:table:sfmflow
COMMENT ON TABLE "sfm"."flow" IS 'A quantity moving between components (material, energy, money, information, value).';

-- step 11: create constraint:sfm.flow.flow_flow_type_check
ALTER TABLE "sfm"."flow" ADD CONSTRAINT "flow_flow_type_check" CHECK ((flow_type = ANY (ARRAY['material'::text, 'energy'::text, 'financial'::text, 'information'::text, 'value'::text])));

-- step 12: create constraint:sfm.flow.flow_metadata_check
ALTER TABLE "sfm"."flow" ADD CONSTRAINT "flow_metadata_check" CHECK ((jsonb_typeof(metadata) = 'object'::text));

-- step 13: create constraint:sfm.flow.flow_no_self_loop
ALTER TABLE "sfm"."flow" ADD CONSTRAINT "flow_no_self_loop" CHECK ((source_id <> target_id));

-- step 14: create constraint:sfm.flow.flow_pkey
ALTER TABLE "sfm"."flow" ADD CONSTRAINT "flow_pkey" PRIMARY KEY (id);

-- step 15: create constraint:sfm.flow.flow_quantity_check
ALTER TABLE "sfm"."flow" ADD CONSTRAINT "flow_quantity_check" CHECK ((quantity >= (0)::numeric));

-- step 16: create index:sfm.flow_source
CREATE INDEX flow_source ON sfm.flow USING btree (source_id, time_slice_id);

-- step 17: create index:sfm.flow_target
CREATE INDEX flow_target ON sfm.flow USING btree (target_id, time_slice_id);

-- step 18: create table:sfm.indicator
CREATE TABLE "sfm"."indicator" (
  "node_id" bigint NOT NULL,
  "unit_code" text NOT NULL,
  "direction" text DEFAULT 'higher_is_better'::text NOT NULL,
  "target_value" numeric
);

-- step 19: create comment:table:sfmindicator
COMMENT ON TABLE "sfm"."indicator" IS 'What is measured about a node of kind indicator.';

-- step 20: create constraint:sfm.indicator.indicator_direction_check
ALTER TABLE "sfm"."indicator" ADD CONSTRAINT "indicator_direction_check" CHECK ((direction = ANY (ARRAY['higher_is_better'::text, 'lower_is_better'::text, 'target'::text])));

-- step 21: create constraint:sfm.indicator.indicator_pkey
ALTER TABLE "sfm"."indicator" ADD CONSTRAINT "indicator_pkey" PRIMARY KEY (node_id);

-- step 22: create constraint:sfm.indicator.indicator_target_given
ALTER TABLE "sfm"."indicator" ADD CONSTRAINT "indicator_target_given" CHECK (((direction <> 'target'::text) OR (target_value IS NOT NULL)));

-- step 23: create table:sfm.measurement
CREATE TABLE "sfm"."measurement" (
  "id" bigint GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE) NOT NULL,
  "indicator_id" bigint NOT NULL,
  "time_slice_id" bigint NOT NULL,
  "spatial_unit_id" bigint,
  "scenario_id" bigint,
  "value" numeric NOT NULL,
  "observed_at" timestamp with time zone DEFAULT now() NOT NULL,
  "source" text,
  "metadata" jsonb DEFAULT '{}'::jsonb NOT NULL
);

-- step 24: create comment:table:sfmmeasurement
COMMENT ON TABLE "sfm"."measurement" IS 'An indicator''s value for one time slice, place and scenario.';

-- step 25: create constraint:sfm.measurement.measurement_indicator_id_fkey
ALTER TABLE "sfm"."measurement" ADD CONSTRAINT "measurement_indicator_id_fkey" FOREIGN KEY (indicator_id) REFERENCES sfm.indicator(node_id) ON DELETE CASCADE;

-- step 26: create constraint:sfm.measurement.measurement_metadata_check
ALTER TABLE "sfm"."measurement" ADD CONSTRAINT "measurement_metadata_check" CHECK ((jsonb_typeof(metadata) = 'object'::text));

-- step 27: create constraint:sfm.measurement.measurement_once
ALTER TABLE "sfm"."measurement" ADD CONSTRAINT "measurement_once" UNIQUE NULLS NOT DISTINCT (indicator_id, time_slice_id, spatial_unit_id, scenario_id);

-- step 28: create constraint:sfm.measurement.measurement_pkey
ALTER TABLE "sfm"."measurement" ADD CONSTRAINT "measurement_pkey" PRIMARY KEY (id);

-- step 29: create index:sfm.measurement_series
CREATE INDEX measurement_series ON sfm.measurement USING btree (indicator_id, observed_at DESC);

-- step 30: create table:sfm.node
CREATE TABLE "sfm"."node" (
  "id" bigint GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE) NOT NULL,
  "kind" text NOT NULL,
  "name" text NOT NULL,
  "description" text,
  "properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
  "spatial_unit_id" bigint,
  "scenario_id" bigint,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);

-- step 31: create comment:table:sfmnode
COMMENT ON TABLE "sfm"."node" IS 'A component of the social fabric, typed by node_kind.';

-- step 32: create constraint:sfm.node.node_name_check
ALTER TABLE "sfm"."node" ADD CONSTRAINT "node_name_check" CHECK ((length(btrim(name)) > 0));

-- step 33: create constraint:sfm.node.node_pkey
ALTER TABLE "sfm"."node" ADD CONSTRAINT "node_pkey" PRIMARY KEY (id);

-- step 34: create constraint:sfm.flow.flow_source_id_fkey
ALTER TABLE "sfm"."flow" ADD CONSTRAINT "flow_source_id_fkey" FOREIGN KEY (source_id) REFERENCES sfm.node(id) ON DELETE CASCADE;

-- step 35: create constraint:sfm.flow.flow_target_id_fkey
ALTER TABLE "sfm"."flow" ADD CONSTRAINT "flow_target_id_fkey" FOREIGN KEY (target_id) REFERENCES sfm.node(id) ON DELETE CASCADE;

-- step 36: create constraint:sfm.indicator.indicator_node_id_fkey
ALTER TABLE "sfm"."indicator" ADD CONSTRAINT "indicator_node_id_fkey" FOREIGN KEY (node_id) REFERENCES sfm.node(id) ON DELETE CASCADE;

-- step 37: create constraint:sfm.node.node_properties_check
ALTER TABLE "sfm"."node" ADD CONSTRAINT "node_properties_check" CHECK ((jsonb_typeof(properties) = 'object'::text));

-- step 38: create index:sfm.node_kind_idx
CREATE INDEX node_kind_idx ON sfm.node USING btree (kind);

-- step 39: create index:sfm.node_name_pattern
CREATE INDEX node_name_pattern ON sfm.node USING btree (lower(name) text_pattern_ops);

-- step 40: create index:sfm.node_name_unique
CREATE UNIQUE INDEX node_name_unique ON sfm.node USING btree (kind, lower(name), scenario_id) NULLS NOT DISTINCT;

-- step 41: create index:sfm.node_properties
CREATE INDEX node_properties ON sfm.node USING gin (properties jsonb_path_ops);

-- step 42: create index:sfm.node_spatial_unit
CREATE INDEX node_spatial_unit ON sfm.node USING btree (spatial_unit_id) WHERE (spatial_unit_id IS NOT NULL);

-- step 43: create table:sfm.node_kind
CREATE TABLE "sfm"."node_kind" (
  "code" text NOT NULL,
  "label" text NOT NULL,
  "description" text
);

-- step 44: create comment:table:sfmnode_kind
COMMENT ON TABLE "sfm"."node_kind" IS 'The component types of the Social Fabric Matrix (actor, institution, policy, ...).';

-- step 45: create constraint:sfm.node_kind.node_kind_code_check
ALTER TABLE "sfm"."node_kind" ADD CONSTRAINT "node_kind_code_check" CHECK ((code ~ '^[a-z][a-z_]*$'::text));

-- step 46: create constraint:sfm.node_kind.node_kind_label_key
ALTER TABLE "sfm"."node_kind" ADD CONSTRAINT "node_kind_label_key" UNIQUE (label);

-- step 47: create constraint:sfm.node_kind.node_kind_pkey
ALTER TABLE "sfm"."node_kind" ADD CONSTRAINT "node_kind_pkey" PRIMARY KEY (code);

-- step 48: create constraint:sfm.node.node_kind_fkey
ALTER TABLE "sfm"."node" ADD CONSTRAINT "node_kind_fkey" FOREIGN KEY (kind) REFERENCES sfm.node_kind(code) ON UPDATE CASCADE;

-- step 49: create table:sfm.relationship
CREATE TABLE "sfm"."relationship" (
  "id" bigint GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE) NOT NULL,
  "source_id" bigint NOT NULL,
  "target_id" bigint NOT NULL,
  "kind" text NOT NULL,
  "weight" numeric(12,6) DEFAULT 1 NOT NULL,
  "certainty" numeric(4,3) DEFAULT 1 NOT NULL,
  "metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
  "time_slice_id" bigint,
  "scenario_id" bigint,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);

-- step 50: create comment:table:sfmrelationship
COMMENT ON TABLE "sfm"."relationship" IS 'A typed, weighted link from one component to another in one time slice and scenario.';

-- step 51: create constraint:sfm.relationship.relationship_certainty_check
ALTER TABLE "sfm"."relationship" ADD CONSTRAINT "relationship_certainty_check" CHECK (((certainty >= (0)::numeric) AND (certainty <= (1)::numeric)));

-- step 52: create constraint:sfm.relationship.relationship_metadata_check
ALTER TABLE "sfm"."relationship" ADD CONSTRAINT "relationship_metadata_check" CHECK ((jsonb_typeof(metadata) = 'object'::text));

-- step 53: create constraint:sfm.relationship.relationship_no_self_loop
ALTER TABLE "sfm"."relationship" ADD CONSTRAINT "relationship_no_self_loop" CHECK ((source_id <> target_id));

-- step 54: create constraint:sfm.relationship.relationship_once_per_slice
ALTER TABLE "sfm"."relationship" ADD CONSTRAINT "relationship_once_per_slice" UNIQUE NULLS NOT DISTINCT (source_id, target_id, kind, time_slice_id, scenario_id);

-- step 55: create constraint:sfm.relationship.relationship_pkey
ALTER TABLE "sfm"."relationship" ADD CONSTRAINT "relationship_pkey" PRIMARY KEY (id);

-- step 56: create constraint:sfm.relationship.relationship_source_id_fkey
ALTER TABLE "sfm"."relationship" ADD CONSTRAINT "relationship_source_id_fkey" FOREIGN KEY (source_id) REFERENCES sfm.node(id) ON DELETE CASCADE;

-- step 57: create constraint:sfm.relationship.relationship_target_id_fkey
ALTER TABLE "sfm"."relationship" ADD CONSTRAINT "relationship_target_id_fkey" FOREIGN KEY (target_id) REFERENCES sfm.node(id) ON DELETE CASCADE;

-- step 58: create index:sfm.relationship_kind_idx
CREATE INDEX relationship_kind_idx ON sfm.relationship USING btree (kind);

-- step 59: create index:sfm.relationship_metadata
CREATE INDEX relationship_metadata ON sfm.relationship USING gin (metadata);

-- step 60: create index:sfm.relationship_target
CREATE INDEX relationship_target ON sfm.relationship USING btree (target_id, kind);

-- step 61: create index:sfm.relationship_time_slice
CREATE INDEX relationship_time_slice ON sfm.relationship USING btree (time_slice_id);

-- step 62: create table:sfm.relationship_kind
CREATE TABLE "sfm"."relationship_kind" (
  "code" text NOT NULL,
  "label" text NOT NULL,
  "description" text,
  "directed" boolean DEFAULT true NOT NULL
);

-- step 63: create comment:table:sfmrelationship_kind
COMMENT ON TABLE "sfm"."relationship_kind" IS 'Typed links between components (delivers, regulates, funds, ...).';

-- step 64: create constraint:sfm.relationship_kind.relationship_kind_code_check
ALTER TABLE "sfm"."relationship_kind" ADD CONSTRAINT "relationship_kind_code_check" CHECK ((code ~ '^[a-z][a-z_]*$'::text));

-- step 65: create constraint:sfm.relationship_kind.relationship_kind_pkey
ALTER TABLE "sfm"."relationship_kind" ADD CONSTRAINT "relationship_kind_pkey" PRIMARY KEY (code);

-- step 66: create constraint:sfm.relationship.relationship_kind_fkey
ALTER TABLE "sfm"."relationship" ADD CONSTRAINT "relationship_kind_fkey" FOREIGN KEY (kind) REFERENCES sfm.relationship_kind(code) ON UPDATE CASCADE;

-- step 67: create table:sfm.scenario
CREATE TABLE "sfm"."scenario" (
  "id" bigint GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE) NOT NULL,
  "name" text NOT NULL,
  "description" text,
  "is_baseline" boolean DEFAULT false NOT NULL,
  "derived_from" bigint,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);

-- step 68: create comment:table:sfmscenario
COMMENT ON TABLE "sfm"."scenario" IS 'A what-if variant of the matrix; the baseline scenario holds observed data.';

-- step 69: create constraint:sfm.scenario.scenario_name_key
ALTER TABLE "sfm"."scenario" ADD CONSTRAINT "scenario_name_key" UNIQUE (name);

-- step 70: create constraint:sfm.scenario.scenario_pkey
ALTER TABLE "sfm"."scenario" ADD CONSTRAINT "scenario_pkey" PRIMARY KEY (id);

-- step 71: create constraint:sfm.flow.flow_scenario_id_fkey
ALTER TABLE "sfm"."flow" ADD CONSTRAINT "flow_scenario_id_fkey" FOREIGN KEY (scenario_id) REFERENCES sfm.scenario(id) ON DELETE CASCADE;

-- step 72: create constraint:sfm.measurement.measurement_scenario_id_fkey
ALTER TABLE "sfm"."measurement" ADD CONSTRAINT "measurement_scenario_id_fkey" FOREIGN KEY (scenario_id) REFERENCES sfm.scenario(id) ON DELETE CASCADE;

-- step 73: create constraint:sfm.node.node_scenario_id_fkey
ALTER TABLE "sfm"."node" ADD CONSTRAINT "node_scenario_id_fkey" FOREIGN KEY (scenario_id) REFERENCES sfm.scenario(id) ON DELETE CASCADE;

-- step 74: create constraint:sfm.relationship.relationship_scenario_id_fkey
ALTER TABLE "sfm"."relationship" ADD CONSTRAINT "relationship_scenario_id_fkey" FOREIGN KEY (scenario_id) REFERENCES sfm.scenario(id) ON DELETE CASCADE;

-- step 75: create constraint:sfm.scenario.scenario_derived_from_fkey
ALTER TABLE "sfm"."scenario" ADD CONSTRAINT "scenario_derived_from_fkey" FOREIGN KEY (derived_from) REFERENCES sfm.scenario(id) ON DELETE SET NULL;

-- step 76: create index:sfm.scenario_one_baseline
CREATE UNIQUE INDEX scenario_one_baseline ON sfm.scenario USING btree (is_baseline) WHERE is_baseline;

-- step 77: create table:sfm.spatial_unit
CREATE TABLE "sfm"."spatial_unit" (
  "id" bigint GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE) NOT NULL,
  "code" text NOT NULL,
  "name" text NOT NULL,
  "level" text NOT NULL,
  "parent_id" bigint,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);

-- step 78: create comment:table:sfmspatial_unit
COMMENT ON TABLE "sfm"."spatial_unit" IS 'Places, nested (country > region > municipality).';

-- step 79: create constraint:sfm.spatial_unit.spatial_unit_code_key
ALTER TABLE "sfm"."spatial_unit" ADD CONSTRAINT "spatial_unit_code_key" UNIQUE (code);

-- step 80: create constraint:sfm.spatial_unit.spatial_unit_level_check
ALTER TABLE "sfm"."spatial_unit" ADD CONSTRAINT "spatial_unit_level_check" CHECK ((level = ANY (ARRAY['world'::text, 'country'::text, 'region'::text, 'municipality'::text, 'site'::text])));

-- step 81: create constraint:sfm.spatial_unit.spatial_unit_not_own_parent
ALTER TABLE "sfm"."spatial_unit" ADD CONSTRAINT "spatial_unit_not_own_parent" CHECK ((parent_id IS DISTINCT FROM id));

-- step 82: create constraint:sfm.spatial_unit.spatial_unit_pkey
ALTER TABLE "sfm"."spatial_unit" ADD CONSTRAINT "spatial_unit_pkey" PRIMARY KEY (id);

-- step 83: create constraint:sfm.measurement.measurement_spatial_unit_id_fkey
ALTER TABLE "sfm"."measurement" ADD CONSTRAINT "measurement_spatial_unit_id_fkey" FOREIGN KEY (spatial_unit_id) REFERENCES sfm.spatial_unit(id) ON DELETE RESTRICT;

-- step 84: create constraint:sfm.node.node_spatial_unit_id_fkey
ALTER TABLE "sfm"."node" ADD CONSTRAINT "node_spatial_unit_id_fkey" FOREIGN KEY (spatial_unit_id) REFERENCES sfm.spatial_unit(id) ON DELETE SET NULL;

-- step 85: create constraint:sfm.spatial_unit.spatial_unit_parent_id_fkey
ALTER TABLE "sfm"."spatial_unit" ADD CONSTRAINT "spatial_unit_parent_id_fkey" FOREIGN KEY (parent_id) REFERENCES sfm.spatial_unit(id) ON DELETE RESTRICT;

-- step 86: create index:sfm.spatial_unit_parent
CREATE INDEX spatial_unit_parent ON sfm.spatial_unit USING btree (parent_id);

-- step 87: create table:sfm.time_slice
CREATE TABLE "sfm"."time_slice" (
  "id" bigint GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE) NOT NULL,
  "label" text NOT NULL,
  "granularity" text DEFAULT 'year'::text NOT NULL,
  "starts_on" date NOT NULL,
  "ends_on" date NOT NULL
);

-- step 88: create comment:table:sfmtime_slice
COMMENT ON TABLE "sfm"."time_slice" IS 'A period an observation or relationship holds for.';

-- step 89: create constraint:sfm.time_slice.time_slice_granularity_check
ALTER TABLE "sfm"."time_slice" ADD CONSTRAINT "time_slice_granularity_check" CHECK ((granularity = ANY (ARRAY['day'::text, 'month'::text, 'quarter'::text, 'year'::text, 'period'::text])));

-- step 90: create constraint:sfm.time_slice.time_slice_label_key
ALTER TABLE "sfm"."time_slice" ADD CONSTRAINT "time_slice_label_key" UNIQUE (label);

-- step 91: create constraint:sfm.time_slice.time_slice_order
ALTER TABLE "sfm"."time_slice" ADD CONSTRAINT "time_slice_order" CHECK ((ends_on > starts_on));

-- step 92: create constraint:sfm.time_slice.time_slice_pkey
ALTER TABLE "sfm"."time_slice" ADD CONSTRAINT "time_slice_pkey" PRIMARY KEY (id);

-- step 93: create constraint:sfm.flow.flow_time_slice_id_fkey
ALTER TABLE "sfm"."flow" ADD CONSTRAINT "flow_time_slice_id_fkey" FOREIGN KEY (time_slice_id) REFERENCES sfm.time_slice(id) ON DELETE RESTRICT;

-- step 94: create constraint:sfm.measurement.measurement_time_slice_id_fkey
ALTER TABLE "sfm"."measurement" ADD CONSTRAINT "measurement_time_slice_id_fkey" FOREIGN KEY (time_slice_id) REFERENCES sfm.time_slice(id) ON DELETE RESTRICT;

-- step 95: create constraint:sfm.relationship.relationship_time_slice_id_fkey
ALTER TABLE "sfm"."relationship" ADD CONSTRAINT "relationship_time_slice_id_fkey" FOREIGN KEY (time_slice_id) REFERENCES sfm.time_slice(id) ON DELETE RESTRICT;

-- step 96: create index:sfm.time_slice_range
CREATE INDEX time_slice_range ON sfm.time_slice USING btree (starts_on, ends_on);

-- step 97: create table:sfm.unit
CREATE TABLE "sfm"."unit" (
  "code" text NOT NULL,
  "label" text NOT NULL,
  "dimension" text NOT NULL
);

-- step 98: create comment:table:sfmunit
COMMENT ON TABLE "sfm"."unit" IS 'Units of measure for flows and indicators.';

-- step 99: create constraint:sfm.unit.unit_dimension_check
ALTER TABLE "sfm"."unit" ADD CONSTRAINT "unit_dimension_check" CHECK ((dimension = ANY (ARRAY['mass'::text, 'energy'::text, 'money'::text, 'count'::text, 'ratio'::text, 'time'::text, 'volume'::text, 'area'::text, 'information'::text, 'other'::text])));

-- step 100: create constraint:sfm.unit.unit_pkey
ALTER TABLE "sfm"."unit" ADD CONSTRAINT "unit_pkey" PRIMARY KEY (code);

-- step 101: create constraint:sfm.flow.flow_unit_code_fkey
ALTER TABLE "sfm"."flow" ADD CONSTRAINT "flow_unit_code_fkey" FOREIGN KEY (unit_code) REFERENCES sfm.unit(code) ON UPDATE CASCADE;

-- step 102: create constraint:sfm.indicator.indicator_unit_code_fkey
ALTER TABLE "sfm"."indicator" ADD CONSTRAINT "indicator_unit_code_fkey" FOREIGN KEY (unit_code) REFERENCES sfm.unit(code) ON UPDATE CASCADE;

-- step 103: create view:sfm.delivery_matrix
CREATE VIEW "sfm"."delivery_matrix" AS
SELECT s.kind AS delivering_kind,
    s.id AS delivering_id,
    s.name AS delivering,
    t.kind AS receiving_kind,
    t.id AS receiving_id,
    t.name AS receiving,
    r.kind AS relationship_kind,
    r.weight,
    r.certainty,
    ts.label AS time_slice,
    sc.name AS scenario
   FROM ((((sfm.relationship r
     JOIN sfm.node s ON ((s.id = r.source_id)))
     JOIN sfm.node t ON ((t.id = r.target_id)))
     LEFT JOIN sfm.time_slice ts ON ((ts.id = r.time_slice_id)))
     LEFT JOIN sfm.scenario sc ON ((sc.id = r.scenario_id)));

-- step 104: create comment:view:sfmdelivery_matrix
COMMENT ON VIEW "sfm"."delivery_matrix" IS 'Rows deliver to columns: the Social Fabric Matrix as a relation.';

-- step 105: create view:sfm.indicator_latest
CREATE VIEW "sfm"."indicator_latest" AS
SELECT DISTINCT ON (m.indicator_id, m.spatial_unit_id, m.scenario_id) m.indicator_id,
    n.name AS indicator,
    m.spatial_unit_id,
    m.scenario_id,
    m.value,
    i.unit_code,
    m.observed_at
   FROM ((sfm.measurement m
     JOIN sfm.indicator i ON ((i.node_id = m.indicator_id)))
     JOIN sfm.node n ON ((n.id = i.node_id)))
  ORDER BY m.indicator_id, m.spatial_unit_id, m.scenario_id, m.observed_at DESC;

-- step 106: create function:sfm.audit_row()
CREATE OR REPLACE FUNCTION sfm.audit_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog'
AS $function$
DECLARE
  before jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
  after jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
BEGIN
  INSERT INTO sfm.audit_log (table_name, row_id, action, old_row, new_row)
  VALUES (TG_TABLE_NAME, coalesce(after, before) ->> 'id', TG_OP, before, after);
  RETURN NULL;
END
$function$;

-- step 107: create trigger:sfm.flow.flow_audit
CREATE TRIGGER flow_audit AFTER INSERT OR DELETE OR UPDATE ON sfm.flow FOR EACH ROW EXECUTE FUNCTION sfm.audit_row();

-- step 108: create trigger:sfm.measurement.measurement_audit
CREATE TRIGGER measurement_audit AFTER INSERT OR DELETE OR UPDATE ON sfm.measurement FOR EACH ROW EXECUTE FUNCTION sfm.audit_row();

-- step 109: create trigger:sfm.node.node_audit
CREATE TRIGGER node_audit AFTER INSERT OR DELETE OR UPDATE ON sfm.node FOR EACH ROW EXECUTE FUNCTION sfm.audit_row();

-- step 110: create trigger:sfm.relationship.relationship_audit
CREATE TRIGGER relationship_audit AFTER INSERT OR DELETE OR UPDATE ON sfm.relationship FOR EACH ROW EXECUTE FUNCTION sfm.audit_row();

-- step 111: create function:sfm.touch_updated_at()
CREATE OR REPLACE FUNCTION sfm.touch_updated_at()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$function$;

-- step 112: create comment:function:sfmtouch_updated_at
COMMENT ON FUNCTION "sfm"."touch_updated_at"() IS 'Keeps updated_at current on every update.';

-- step 113: create trigger:sfm.node.node_touch
CREATE TRIGGER node_touch BEFORE UPDATE ON sfm.node FOR EACH ROW EXECUTE FUNCTION sfm.touch_updated_at();

-- step 114: create trigger:sfm.relationship.relationship_touch
CREATE TRIGGER relationship_touch BEFORE UPDATE ON sfm.relationship FOR EACH ROW EXECUTE FUNCTION sfm.touch_updated_at();

-- step 115: create trigger:sfm.scenario.scenario_touch
CREATE TRIGGER scenario_touch BEFORE UPDATE ON sfm.scenario FOR EACH ROW EXECUTE FUNCTION sfm.touch_updated_at();

-- step 116: create trigger:sfm.spatial_unit.spatial_unit_touch
CREATE TRIGGER spatial_unit_touch BEFORE UPDATE ON sfm.spatial_unit FOR EACH ROW EXECUTE FUNCTION sfm.touch_updated_at();

-- +sfm down
-- step 1: drop constraint:sfm.flow.flow_scenario_id_fkey
ALTER TABLE "sfm"."flow" DROP CONSTRAINT "flow_scenario_id_fkey";

-- step 2: drop constraint:sfm.flow.flow_source_id_fkey
ALTER TABLE "sfm"."flow" DROP CONSTRAINT "flow_source_id_fkey";

-- step 3: drop constraint:sfm.flow.flow_target_id_fkey
ALTER TABLE "sfm"."flow" DROP CONSTRAINT "flow_target_id_fkey";

-- step 4: drop constraint:sfm.flow.flow_time_slice_id_fkey
ALTER TABLE "sfm"."flow" DROP CONSTRAINT "flow_time_slice_id_fkey";

-- step 5: drop constraint:sfm.flow.flow_unit_code_fkey
ALTER TABLE "sfm"."flow" DROP CONSTRAINT "flow_unit_code_fkey";

-- step 6: drop constraint:sfm.indicator.indicator_node_id_fkey
ALTER TABLE "sfm"."indicator" DROP CONSTRAINT "indicator_node_id_fkey";

-- step 7: drop constraint:sfm.indicator.indicator_unit_code_fkey
ALTER TABLE "sfm"."indicator" DROP CONSTRAINT "indicator_unit_code_fkey";

-- step 8: drop constraint:sfm.measurement.measurement_indicator_id_fkey
ALTER TABLE "sfm"."measurement" DROP CONSTRAINT "measurement_indicator_id_fkey";

-- step 9: drop constraint:sfm.measurement.measurement_scenario_id_fkey
ALTER TABLE "sfm"."measurement" DROP CONSTRAINT "measurement_scenario_id_fkey";

-- step 10: drop constraint:sfm.measurement.measurement_spatial_unit_id_fkey
ALTER TABLE "sfm"."measurement" DROP CONSTRAINT "measurement_spatial_unit_id_fkey";

-- step 11: drop constraint:sfm.measurement.measurement_time_slice_id_fkey
ALTER TABLE "sfm"."measurement" DROP CONSTRAINT "measurement_time_slice_id_fkey";

-- step 12: drop constraint:sfm.node.node_kind_fkey
ALTER TABLE "sfm"."node" DROP CONSTRAINT "node_kind_fkey";

-- step 13: drop constraint:sfm.node.node_scenario_id_fkey
ALTER TABLE "sfm"."node" DROP CONSTRAINT "node_scenario_id_fkey";

-- step 14: drop constraint:sfm.node.node_spatial_unit_id_fkey
ALTER TABLE "sfm"."node" DROP CONSTRAINT "node_spatial_unit_id_fkey";

-- step 15: drop constraint:sfm.relationship.relationship_kind_fkey
ALTER TABLE "sfm"."relationship" DROP CONSTRAINT "relationship_kind_fkey";

-- step 16: drop constraint:sfm.relationship.relationship_scenario_id_fkey
ALTER TABLE "sfm"."relationship" DROP CONSTRAINT "relationship_scenario_id_fkey";

-- step 17: drop constraint:sfm.relationship.relationship_source_id_fkey
ALTER TABLE "sfm"."relationship" DROP CONSTRAINT "relationship_source_id_fkey";

-- step 18: drop constraint:sfm.relationship.relationship_target_id_fkey
ALTER TABLE "sfm"."relationship" DROP CONSTRAINT "relationship_target_id_fkey";

-- step 19: drop constraint:sfm.relationship.relationship_time_slice_id_fkey
ALTER TABLE "sfm"."relationship" DROP CONSTRAINT "relationship_time_slice_id_fkey";

-- step 20: drop constraint:sfm.scenario.scenario_derived_from_fkey
ALTER TABLE "sfm"."scenario" DROP CONSTRAINT "scenario_derived_from_fkey";

-- step 21: drop constraint:sfm.spatial_unit.spatial_unit_parent_id_fkey
ALTER TABLE "sfm"."spatial_unit" DROP CONSTRAINT "spatial_unit_parent_id_fkey";

-- step 22: drop table:sfm.audit_log [DELETES_DATA]
DROP TABLE "sfm"."audit_log";

-- step 23: drop table:sfm.node_kind [DELETES_DATA]
DROP TABLE "sfm"."node_kind";

-- step 24: drop table:sfm.relationship_kind [DELETES_DATA]
DROP TABLE "sfm"."relationship_kind";

-- step 25: drop table:sfm.unit [DELETES_DATA]
DROP TABLE "sfm"."unit";

-- step 26: drop trigger:sfm.flow.flow_audit
DROP TRIGGER "flow_audit" ON "sfm"."flow";

-- step 27: drop table:sfm.flow [DELETES_DATA]
DROP TABLE "sfm"."flow";

-- step 28: drop trigger:sfm.measurement.measurement_audit
DROP TRIGGER "measurement_audit" ON "sfm"."measurement";

-- step 29: drop trigger:sfm.node.node_audit
DROP TRIGGER "node_audit" ON "sfm"."node";

-- step 30: drop trigger:sfm.node.node_touch
DROP TRIGGER "node_touch" ON "sfm"."node";

-- step 31: drop trigger:sfm.relationship.relationship_audit
DROP TRIGGER "relationship_audit" ON "sfm"."relationship";

-- step 32: drop function:sfm.audit_row()
DROP FUNCTION "sfm"."audit_row"();

-- step 33: drop trigger:sfm.relationship.relationship_touch
DROP TRIGGER "relationship_touch" ON "sfm"."relationship";

-- step 34: drop trigger:sfm.scenario.scenario_touch
DROP TRIGGER "scenario_touch" ON "sfm"."scenario";

-- step 35: drop trigger:sfm.spatial_unit.spatial_unit_touch
DROP TRIGGER "spatial_unit_touch" ON "sfm"."spatial_unit";

-- step 36: drop function:sfm.touch_updated_at()
DROP FUNCTION "sfm"."touch_updated_at"();

-- step 37: drop table:sfm.spatial_unit [DELETES_DATA]
DROP TABLE "sfm"."spatial_unit";

-- step 38: drop view:sfm.delivery_matrix
DROP VIEW "sfm"."delivery_matrix";

-- step 39: drop table:sfm.relationship [DELETES_DATA]
DROP TABLE "sfm"."relationship";

-- step 40: drop table:sfm.scenario [DELETES_DATA]
DROP TABLE "sfm"."scenario";

-- step 41: drop table:sfm.time_slice [DELETES_DATA]
DROP TABLE "sfm"."time_slice";

-- step 42: drop view:sfm.indicator_latest
DROP VIEW "sfm"."indicator_latest";

-- step 43: drop table:sfm.indicator [DELETES_DATA]
DROP TABLE "sfm"."indicator";

-- step 44: drop table:sfm.measurement [DELETES_DATA]
DROP TABLE "sfm"."measurement";

-- step 45: drop table:sfm.node [DELETES_DATA]
DROP TABLE "sfm"."node";

-- step 46: drop schema:sfm [DELETES_DATA]
DROP SCHEMA "sfm";
