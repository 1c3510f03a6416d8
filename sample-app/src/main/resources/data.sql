-- The known customers and the administrator. Idempotent, so that a persistent database (the
-- postgres profile) can be started again. The passwords (documented in docs/sample.md) are
-- ada-password, grace-password, alan-password and admin-password, stored as bcrypt hashes.
INSERT INTO sample_customers (name, full_name)
	SELECT 'ada', 'Ada Lovelace' WHERE NOT EXISTS (SELECT 1 FROM sample_customers WHERE name = 'ada');
INSERT INTO sample_customers (name, full_name)
	SELECT 'grace', 'Grace Hopper' WHERE NOT EXISTS (SELECT 1 FROM sample_customers WHERE name = 'grace');
INSERT INTO sample_customers (name, full_name)
	SELECT 'alan', 'Alan Turing' WHERE NOT EXISTS (SELECT 1 FROM sample_customers WHERE name = 'alan');
UPDATE sample_customers SET password_hash = '{bcrypt}$2a$10$NvEl270r94CzEpOfrNXBPerlJqT0Bf0Mq6W5hIRQIZb3VN351kF5u'
	WHERE name = 'ada' AND password_hash IS NULL;
UPDATE sample_customers SET password_hash = '{bcrypt}$2a$10$fsSLBGWt3iYgalgsdwfmV.uRiUQjU8LVE2ZXJs77eB.K9knxAkE9a'
	WHERE name = 'grace' AND password_hash IS NULL;
UPDATE sample_customers SET password_hash = '{bcrypt}$2a$10$NCGPdQTGeySN/6LhsD3cQO4R5xU//KEUBZ3Y4YBu0j7ou9daoawZC'
	WHERE name = 'alan' AND password_hash IS NULL;
INSERT INTO sample_staff (name, password_hash, role)
	SELECT 'admin', '{bcrypt}$2a$10$aWYt/YiRekRptCSl7e23DOqL40s7yiNff0xPkSRHW3Ozo0JmoyrqG', 'ADMIN'
	WHERE NOT EXISTS (SELECT 1 FROM sample_staff WHERE name = 'admin');
