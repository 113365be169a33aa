-- export-training reads claims by submission time (claim.created_at, set once on insert).
CREATE INDEX claim_created ON claim (created_at, code);
