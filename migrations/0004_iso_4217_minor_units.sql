-- Money follows ISO 4217's minor units from now on, no longer the runtime's Intl (CLDR) data.
-- Amounts stored before were scaled with workerd's Intl exponents, which differ from ISO 4217 for
-- these currencies: AFN ALL COP HUF IDR IRR KPW LAK LBP MGA MMK PKR RSD SOS SYP YER had 0 decimals
-- (ISO: 2), IQD 0 (ISO: 3), XDR and XSU 2 (ISO: N.A., kept as 0). Every stored amount, commission
-- and fixed commission value in those currencies is rescaled, so `1500` HUF (then: 1,500 forints)
-- becomes `150000` (now: 1,500.00 forints). Each change is recorded in `money_rescaled` (old and new
-- value), so an operator can audit it. Scaling down (XDR, XSU) rounds half-up.

CREATE TABLE money_rescaled (
  migration TEXT NOT NULL,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  column_name TEXT NOT NULL,
  currency TEXT NOT NULL,
  old_value INTEGER NOT NULL,
  new_value INTEGER NOT NULL,
  PRIMARY KEY (migration, table_name, row_id, column_name)
) WITHOUT ROWID;

CREATE TABLE legacy_minor_unit_factors (
  currency TEXT PRIMARY KEY,
  multiply INTEGER NOT NULL,
  divide INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO legacy_minor_unit_factors (currency, multiply, divide) VALUES
  ('AFN', 100, 1), ('ALL', 100, 1), ('COP', 100, 1), ('HUF', 100, 1), ('IDR', 100, 1),
  ('IRR', 100, 1), ('KPW', 100, 1), ('LAK', 100, 1), ('LBP', 100, 1), ('MGA', 100, 1),
  ('MMK', 100, 1), ('PKR', 100, 1), ('RSD', 100, 1), ('SOS', 100, 1), ('SYP', 100, 1),
  ('YER', 100, 1), ('IQD', 1000, 1), ('XDR', 1, 100), ('XSU', 1, 100);

-- (v × multiply × 2 + divide) ÷ (2 × divide) is v × multiply ÷ divide, rounded half-up.
INSERT INTO money_rescaled
SELECT '0004', 'conversions', c.id, 'amount', c.currency, c.amount,
       (c.amount * f.multiply * 2 + f.divide) / (2 * f.divide)
FROM conversions c JOIN legacy_minor_unit_factors f ON f.currency = c.currency;

INSERT INTO money_rescaled
SELECT '0004', 'conversions', c.id, 'commission', c.commission_currency, c.commission,
       (c.commission * f.multiply * 2 + f.divide) / (2 * f.divide)
FROM conversions c JOIN legacy_minor_unit_factors f ON f.currency = c.commission_currency;

INSERT INTO money_rescaled
SELECT '0004', 'programs', p.id, 'commission_value', p.commission_currency, p.commission_value,
       (p.commission_value * f.multiply * 2 + f.divide) / (2 * f.divide)
FROM programs p JOIN legacy_minor_unit_factors f ON f.currency = p.commission_currency
WHERE p.commission_type = 'fixed';

UPDATE conversions SET amount = r.new_value
FROM money_rescaled r
WHERE r.migration = '0004' AND r.table_name = 'conversions' AND r.column_name = 'amount'
  AND r.row_id = conversions.id;

UPDATE conversions SET commission = r.new_value
FROM money_rescaled r
WHERE r.migration = '0004' AND r.table_name = 'conversions' AND r.column_name = 'commission'
  AND r.row_id = conversions.id;

UPDATE programs SET commission_value = r.new_value
FROM money_rescaled r
WHERE r.migration = '0004' AND r.table_name = 'programs' AND r.column_name = 'commission_value'
  AND r.row_id = programs.id;

DROP TABLE legacy_minor_unit_factors;
