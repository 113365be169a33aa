-- Sampling batches (docs/adjudication.md §8): the batch as one JSON document (strata, inclusion probabilities,
-- extrapolation), and one row per claim so that the primary key keeps a claim in one batch only,
-- also when two instances share the database.
CREATE TABLE sampling_batch (
  id          VARCHAR(64) PRIMARY KEY,
  created_at  TIMESTAMP   NOT NULL,
  document    TEXT        NOT NULL
);

CREATE TABLE sampling_claim (
  claim_code  VARCHAR(64) PRIMARY KEY,
  batch_id    VARCHAR(64) NOT NULL
);
CREATE INDEX sampling_claim_batch ON sampling_claim (batch_id);
