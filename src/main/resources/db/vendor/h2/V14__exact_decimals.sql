-- Roll-up sums and the two sides of a finding exactly as computed: DECIMAL(24,4) rounded a value with more than four
-- decimals (an amount in 万元 such as 0.00015) without a word. DECFLOAT is H2's exact decimal of any scale.
ALTER TABLE nb_summary ALTER COLUMN num_value SET DATA TYPE DECFLOAT;
ALTER TABLE nb_finding ALTER COLUMN expected SET DATA TYPE DECFLOAT;
ALTER TABLE nb_finding ALTER COLUMN actual SET DATA TYPE DECFLOAT;
ALTER TABLE nb_finding ALTER COLUMN delta SET DATA TYPE DECFLOAT;
