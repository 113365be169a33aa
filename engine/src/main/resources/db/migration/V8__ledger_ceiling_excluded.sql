-- Issue 15 §6: a claim's ledger entry shows what it paid on lines excluded from the general
-- ceilings. Entries booked before this migration read 0 until their claim is booked again.
ALTER TABLE ledger_policy ADD COLUMN ceiling_excluded NUMERIC(24,2) NOT NULL DEFAULT 0;
