-- sfm-schema migration
-- Seed data for the reference tables: the component types of the Social Fabric Matrix, the kinds of
-- relationship between them, and units of measure. Hand-written (sfm-schema create); the down section removes
-- exactly these rows.
-- hazards: none
-- down-hazards: none
-- +sfm up
INSERT INTO sfm.node_kind (code, label, description) VALUES
  ('actor', 'Actor', 'A person, organisation or group that acts in the system'),
  ('institution', 'Institution', 'Rules, norms and organisations that structure behaviour'),
  ('policy', 'Policy', 'A deliberate course of action adopted by an authority'),
  ('resource', 'Resource', 'A natural, financial, human or built asset'),
  ('process', 'Process', 'A sequence of activities that transforms inputs into outputs'),
  ('flow', 'Flow', 'A movement of material, energy or information between components'),
  ('value_flow', 'Value flow', 'A movement of economic or social value between components'),
  ('governance_structure', 'Governance structure', 'Bodies and procedures through which decisions are made'),
  ('belief_system', 'Belief system', 'Shared values, beliefs and attitudes'),
  ('technology_system', 'Technology system', 'Tools, techniques and infrastructure'),
  ('indicator', 'Indicator', 'A measured property used to assess the system'),
  ('feedback_loop', 'Feedback loop', 'A circular chain of causation among components'),
  ('system_property', 'System property', 'An emergent property of the whole system (resilience, equity, ...)'),
  ('analytical_context', 'Analytical context', 'The problem, scope and purpose of an analysis'),
  ('policy_instrument', 'Policy instrument', 'A means by which a policy is implemented (tax, subsidy, regulation, ...)')
ON CONFLICT (code) DO NOTHING;

INSERT INTO sfm.relationship_kind (code, label, description, directed) VALUES
  ('delivers', 'Delivers', 'The source delivers something the target needs (the SFM delivery relation)', true),
  ('regulates', 'Regulates', 'The source sets rules the target follows', true),
  ('funds', 'Funds', 'The source provides money to the target', true),
  ('influences', 'Influences', 'The source changes the state or behaviour of the target', true),
  ('depends_on', 'Depends on', 'The source needs the target to function', true),
  ('measures', 'Measures', 'The source (an indicator) measures the target', true),
  ('part_of', 'Part of', 'The source is a component of the target', true),
  ('feeds_back', 'Feeds back', 'The source closes a feedback loop on the target', true),
  ('conflicts_with', 'Conflicts with', 'The two components pull in opposite directions', false),
  ('cooperates_with', 'Cooperates with', 'The two components work together', false)
ON CONFLICT (code) DO NOTHING;

INSERT INTO sfm.unit (code, label, dimension) VALUES
  ('t', 'tonne', 'mass'),
  ('kg', 'kilogram', 'mass'),
  ('MWh', 'megawatt hour', 'energy'),
  ('GJ', 'gigajoule', 'energy'),
  ('EUR', 'euro', 'money'),
  ('USD', 'US dollar', 'money'),
  ('count', 'count', 'count'),
  ('persons', 'persons', 'count'),
  ('pct', 'percent', 'ratio'),
  ('index', 'index value', 'ratio'),
  ('h', 'hour', 'time'),
  ('m3', 'cubic metre', 'volume'),
  ('ha', 'hectare', 'area'),
  ('GB', 'gigabyte', 'information')
ON CONFLICT (code) DO NOTHING;

-- +sfm down
DELETE FROM sfm.unit WHERE code IN ('t', 'kg', 'MWh', 'GJ', 'EUR', 'USD', 'count', 'persons', 'pct', 'index', 'h', 'm3', 'ha', 'GB');
DELETE FROM sfm.relationship_kind WHERE code IN ('delivers', 'regulates', 'funds', 'influences', 'depends_on', 'measures', 'part_of', 'feeds_back', 'conflicts_with', 'cooperates_with');
DELETE FROM sfm.node_kind WHERE code IN ('actor', 'institution', 'policy', 'resource', 'process', 'flow', 'value_flow', 'governance_structure', 'belief_system', 'technology_system', 'indicator', 'feedback_loop', 'system_property', 'analytical_context', 'policy_instrument');
