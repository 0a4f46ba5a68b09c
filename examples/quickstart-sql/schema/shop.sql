-- A small schema to try sfm-schema on: no server needed, the embedded dev database runs it.
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');

CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE "Order" (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  status order_status NOT NULL DEFAULT 'pending',
  total numeric(12, 2) NOT NULL CHECK (total >= 0),
  note text
);

CREATE INDEX order_customer_idx ON "Order" (customer_id) INCLUDE (status);
CREATE INDEX order_open_idx ON "Order" (customer_id) WHERE status <> 'shipped';
