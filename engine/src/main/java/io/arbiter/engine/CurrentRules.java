package io.arbiter.engine;

import io.arbiter.rules.ClaimRules;
import java.util.Objects;

/**
 * The rules an {@link Arbiter} adjudicates with ({@code arbiter.rules()}): read them, or swap them
 * whole. Thread-safe.
 */
public final class CurrentRules {
  private final EngineState state;

  CurrentRules(EngineState state) {
    this.state = state;
  }

  /** Version of the rules that make decisions. */
  public String version() {
    return state.rules.get().version();
  }

  /** The rules that adjudicate claims submitted from now on. */
  public ClaimRules current() {
    return state.rules.get();
  }

  /**
   * Replaces the rules atomically: adjudications in flight finish on the old ones, later ones run
   * on {@code next} and record its version. Checking the new rules (scenarios) is the caller's
   * business, see {@link RulesReload}.
   *
   * @param next not null
   * @return the rules replaced
   */
  public ClaimRules replace(ClaimRules next) {
    return state.rules.getAndSet(Objects.requireNonNull(next, "next"));
  }

  /** The compiler {@link RulesReload} uses, as given to the builder. */
  RulesCompiler compiler() {
    if (state.compiler == null) {
      throw new IllegalStateException("no rules compiler: give one to Arbiter.Builder.rulesCompiler");
    }
    return state.compiler;
  }
}
