-- The known customers. Idempotent, so that a persistent database (the postgres profile) can be
-- started again.
INSERT INTO sample_customers (name, full_name)
	SELECT 'ada', 'Ada Lovelace' WHERE NOT EXISTS (SELECT 1 FROM sample_customers WHERE name = 'ada');
INSERT INTO sample_customers (name, full_name)
	SELECT 'grace', 'Grace Hopper' WHERE NOT EXISTS (SELECT 1 FROM sample_customers WHERE name = 'grace');
INSERT INTO sample_customers (name, full_name)
	SELECT 'alan', 'Alan Turing' WHERE NOT EXISTS (SELECT 1 FROM sample_customers WHERE name = 'alan');
