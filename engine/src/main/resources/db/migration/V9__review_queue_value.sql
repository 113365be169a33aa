-- Issue 16 §1: the review queue is ordered by a claim's value at stake (the money a review is
-- expected to recover), copied from the decision's risk like the score. Claims decided before this
-- migration have none (NULL) and come after every claim that has one, in score order.
ALTER TABLE claim ADD COLUMN IF NOT EXISTS risk_value DOUBLE PRECISION;

CREATE INDEX IF NOT EXISTS claim_review_queue_value
  ON claim (status, review_status, risk_value DESC NULLS LAST, risk_score DESC NULLS LAST);
