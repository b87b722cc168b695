-- Roll-up sums and the two sides of a finding exactly as computed: DECIMAL(24,4) rounded a value with more than four
-- decimals (an amount in 万元 such as 0.00015) without a word. NUMERIC without a precision keeps any scale.
ALTER TABLE nb_summary ALTER COLUMN num_value TYPE NUMERIC;
ALTER TABLE nb_finding ALTER COLUMN expected TYPE NUMERIC;
ALTER TABLE nb_finding ALTER COLUMN actual TYPE NUMERIC;
ALTER TABLE nb_finding ALTER COLUMN delta TYPE NUMERIC;
