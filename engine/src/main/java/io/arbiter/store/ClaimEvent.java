package io.arbiter.store;

import io.arbiter.claim.ClaimDecision;
import java.time.Instant;

/**
 * One state change of a claim, kept forever: what happened ({@code submitted}, {@code reviewed},
 * {@code processed}), when, and the whole decision as it was then.
 */
public record ClaimEvent(Instant at, String event, ClaimDecision decision) {}
