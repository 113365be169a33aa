package io.arbiter.rules;

import java.util.List;

/**
 * The step of adjudication that decides one claim's pre-joined facts: it reads them and records
 * its verdicts on them ({@link Verdict#reject}, {@link LineFact#accept}, {@link CoverageFact#allow}
 * ...), and does nothing else. {@code io.arbiter.rules.drools.RuleSet} does it with the DRL rules;
 * the tests and benchmarks also run a hand-written evaluator of the same checks in its place.
 * Implementations must be thread-safe; the facts of one call belong to that call. A rule gives
 * openIMIS's number of its rejection code (docs/adjudication.md §1); the engine reads it as
 * {@code io.arbiter.claim.RejectionCode}.
 */
public interface ClaimRules {
  /** Version recorded on every decision these rules make. */
  String version();

  /**
   * Decides one claim; the facts carry the verdicts afterwards.
   *
   * @param switches the scheme's switches
   * @param lines one fact per claim line, in the order of their {@link LineFact#getIndex()}
   * @param coverages the covering product lines of every line
   * @param windows the window limits of those product lines
   */
  void run(Switches switches, ClaimFact claim, List<LineFact> lines, List<CoverageFact> coverages,
      List<WindowFact> windows);

  /** Rule sessions firing rules now (a gauge of the engine's meters); 0 for rules that keep none. */
  default int sessionsInUse() {
    return 0;
  }

  /** Rule sessions kept ready (a gauge of the engine's meters); 0 for rules that keep none. */
  default int sessionPoolSize() {
    return 0;
  }

  /** Names of the files these rules were compiled from, sorted; empty for rules not read from files. */
  default List<String> files() {
    return List.of();
  }
}
