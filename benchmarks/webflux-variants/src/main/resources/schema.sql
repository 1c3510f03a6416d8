CREATE TABLE IF NOT EXISTS bench_menu (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, price INT NOT NULL);
INSERT INTO bench_menu (id, name, price) SELECT g, 'dish-' || g, 100 + g FROM generate_series(1, 100) AS g ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS bench_orders (id BIGSERIAL PRIMARY KEY, menu_id INT NOT NULL, customer VARCHAR(64) NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now());
TRUNCATE bench_orders;
