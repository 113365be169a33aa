package io.arbiter.cli;

import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.store.Store;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options that make an engine: the scheme (a file, or the demo) and the rules. */
public final class EngineOptions {
  @ArgGroup(exclusive = true)
  SchemeChoice scheme;

  @Option(names = "--rules", paramLabel = "DIR",
      description = "Folder of .drl files to adjudicate with (default: the rules built into Arbiter).")
  public Path rules;

  static final class SchemeChoice {
    @Option(names = "--scheme", paramLabel = "FILE", required = true,
        description = "Scheme document (JSON, as PUT /v1/scheme takes it).")
    Path file;

    @Option(names = "--demo", required = true,
        description = "Use the generated demo scheme (seed " + DemoScheme.DEFAULT_SEED + ").")
    boolean demo;
  }

  /** Whether --demo was given. */
  public boolean demo() {
    return scheme != null && scheme.demo;
  }

  boolean schemeChosen() {
    return scheme != null;
  }

  /**
   * Compiles the rules, then loads the scheme: the file or the demo if one was named, else the
   * store's latest scheme, else the demo.
   *
   * @param store where claims and the ledger are kept
   * @throws io.arbiter.rules.RuleSetException with each DRL error's file and line
   * @throws InputException when the scheme file cannot be read
   * @throws io.arbiter.scheme.SchemeException when the scheme is invalid
   * @throws java.io.UncheckedIOException when the rules folder cannot be read
   */
  Arbiter arbiter(Store store) {
    return arbiter(store, null);
  }

  /** As {@link #arbiter(Store)}, scoring claims with {@code scorer} (null: unscored). */
  Arbiter arbiter(Store store, io.arbiter.scoring.RiskScorer scorer) {
    return arbiter(store, scorer, null);
  }

  /** As {@link #arbiter(Store, io.arbiter.scoring.RiskScorer)}, registering meters (null: none). */
  public Arbiter arbiter(Store store, io.arbiter.scoring.RiskScorer scorer,
      io.micrometer.core.instrument.MeterRegistry meters) {
    RuleSet ruleSet = rules == null ? RuleSet.fromClasspath() : RuleSet.fromDirectory(rules);
    Arbiter.Builder builder = Arbiter.builder().rules(ruleSet).rulesCompiler(RuleSet::fromDirectory).store(store)
        .scorer(scorer).meters(meters);
    if (scheme != null) {
      builder.scheme(scheme.demo ? DemoScheme.generate(DemoScheme.DEFAULT_SEED) : Inputs.scheme(scheme.file));
    } else if (store.latestScheme().isEmpty()) {
      builder.scheme(DemoScheme.generate(DemoScheme.DEFAULT_SEED));
    }
    return builder.build();
  }
}
