-- The review queue (GET /v1/review-queue) lists checked claims awaiting review by risk score
-- without reading every decision's JSON: the fields it filters and sorts on are copied from the
-- decision and the request into columns of the current-claim table, kept in step by every write.
-- IF NOT EXISTS: another migration may add the same facility or date column for its own filters.
ALTER TABLE claim ADD COLUMN IF NOT EXISTS review_status INTEGER;
ALTER TABLE claim ADD COLUMN IF NOT EXISTS risk_score DOUBLE PRECISION;
ALTER TABLE claim ADD COLUMN IF NOT EXISTS risk_band VARCHAR(16);
ALTER TABLE claim ADD COLUMN IF NOT EXISTS health_facility VARCHAR(64);
ALTER TABLE claim ADD COLUMN IF NOT EXISTS date_claimed DATE;

-- The queue's filter starts with status and review status, and its order is the score's.
CREATE INDEX IF NOT EXISTS claim_review_queue ON claim (status, review_status, risk_score DESC NULLS LAST);
