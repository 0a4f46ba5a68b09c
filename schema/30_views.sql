-- Read models over the matrix.

-- The SFM delivery matrix: for each delivering component (row) and receiving component (column), what is
-- delivered, how strongly and how surely, per time slice and scenario.
CREATE VIEW sfm.delivery_matrix AS
SELECT s.kind AS delivering_kind, s.id AS delivering_id, s.name AS delivering,
       t.kind AS receiving_kind, t.id AS receiving_id, t.name AS receiving,
       r.kind AS relationship_kind, r.weight, r.certainty,
       ts.label AS time_slice, sc.name AS scenario
FROM sfm.relationship r
JOIN sfm.node s ON s.id = r.source_id
JOIN sfm.node t ON t.id = r.target_id
LEFT JOIN sfm.time_slice ts ON ts.id = r.time_slice_id
LEFT JOIN sfm.scenario sc ON sc.id = r.scenario_id;
COMMENT ON VIEW sfm.delivery_matrix IS 'Rows deliver to columns: the Social Fabric Matrix as a relation.';

-- The most recent value of every indicator per place and scenario.
CREATE VIEW sfm.indicator_latest AS
SELECT DISTINCT ON (m.indicator_id, m.spatial_unit_id, m.scenario_id)
       m.indicator_id, n.name AS indicator, m.spatial_unit_id, m.scenario_id, m.value, i.unit_code, m.observed_at
FROM sfm.measurement m
JOIN sfm.indicator i ON i.node_id = m.indicator_id
JOIN sfm.node n ON n.id = i.node_id
ORDER BY m.indicator_id, m.spatial_unit_id, m.scenario_id, m.observed_at DESC;
