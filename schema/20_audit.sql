-- Audit log and the triggers that keep updated_at and the log current. Plain SQL beside the YAML files: the
-- triggers refer to tables defined in YAML, and the files load in any order.

CREATE TABLE sfm.audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  table_name text NOT NULL,
  row_id text,
  action text NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
  old_row jsonb,
  new_row jsonb,
  changed_by text NOT NULL DEFAULT current_user,
  changed_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE sfm.audit_log IS 'Every change to the matrix: who, when, and the row before and after.';
CREATE INDEX audit_log_row ON sfm.audit_log (table_name, row_id);
CREATE INDEX audit_log_changed_at ON sfm.audit_log USING brin (changed_at);

CREATE FUNCTION sfm.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION sfm.touch_updated_at() IS 'Keeps updated_at current on every update.';

CREATE FUNCTION sfm.audit_row() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
  before jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
  after jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
BEGIN
  INSERT INTO sfm.audit_log (table_name, row_id, action, old_row, new_row)
  VALUES (TG_TABLE_NAME, coalesce(after, before) ->> 'id', TG_OP, before, after);
  RETURN NULL;
END
$$;

CREATE TRIGGER node_touch BEFORE UPDATE ON sfm.node FOR EACH ROW EXECUTE FUNCTION sfm.touch_updated_at();
CREATE TRIGGER relationship_touch BEFORE UPDATE ON sfm.relationship FOR EACH ROW EXECUTE FUNCTION sfm.touch_updated_at();
CREATE TRIGGER scenario_touch BEFORE UPDATE ON sfm.scenario FOR EACH ROW EXECUTE FUNCTION sfm.touch_updated_at();
CREATE TRIGGER spatial_unit_touch BEFORE UPDATE ON sfm.spatial_unit FOR EACH ROW EXECUTE FUNCTION sfm.touch_updated_at();

CREATE TRIGGER node_audit AFTER INSERT OR UPDATE OR DELETE ON sfm.node FOR EACH ROW EXECUTE FUNCTION sfm.audit_row();
CREATE TRIGGER relationship_audit AFTER INSERT OR UPDATE OR DELETE ON sfm.relationship FOR EACH ROW EXECUTE FUNCTION sfm.audit_row();
CREATE TRIGGER flow_audit AFTER INSERT OR UPDATE OR DELETE ON sfm.flow FOR EACH ROW EXECUTE FUNCTION sfm.audit_row();
CREATE TRIGGER measurement_audit AFTER INSERT OR UPDATE OR DELETE ON sfm.measurement FOR EACH ROW EXECUTE FUNCTION sfm.audit_row();
