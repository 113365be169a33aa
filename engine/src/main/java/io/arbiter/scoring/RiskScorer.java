package io.arbiter.scoring;

/**
 * Scores a claim's lines. Implementations are thread-safe and may batch the lines of concurrent
 * calls; the call blocks until the claim's lines are scored, so never call it on an event loop.
 */
public interface RiskScorer {

  /**
   * The risk of every line of the claim and of the claim as a whole.
   *
   * @return null when no model is active: the claim then carries no risk at all
   * @throws RuntimeException when the model cannot score; the caller keeps the rules decision and
   *     marks the claim unscored
   */
  ScoredClaim score(ClaimContext context);

  /** Version of the model that scores now (the active one); null when none is active. */
  String modelVersion();
}
