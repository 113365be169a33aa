package io.arbiter.engine;

import io.arbiter.claim.ClaimDecision;

/**
 * The result of {@link Claims#submit}: the decision, and whether this call created it (false when
 * the same claim was posted before).
 */
public record Submission(ClaimDecision decision, boolean created) {}
