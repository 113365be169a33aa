package io.arbiter.engine;

import io.arbiter.reference.ReferenceRules;

/**
 * Arbiters that decide with the hand-written {@link ReferenceRules} in place of the DRL, around the
 * very same entry checks, pre-joins, product choice, valuation and store (the differential test and
 * the benchmarks compare the two). Test code only.
 */
public final class ReferenceEngine {
  private ReferenceEngine() {}

  /**
   * A builder whose arbiters decide with {@link ReferenceRules}: decisions and
   * {@link CurrentRules#version} give {@link ReferenceRules#VERSION}.
   */
  public static Arbiter.Builder builder() {
    return Arbiter.builder().rules(new ReferenceRules());
  }
}
