package io.arbiter.review;

import java.time.Instant;

/**
 * A sampling batch as a list shows it, without its claims: enough to pick one and open it.
 * Immutable.
 *
 * @param claims how many claims the batch holds, drawn and skipped
 */
public record BatchSummary(String id, Instant createdAt, int claims) {}
