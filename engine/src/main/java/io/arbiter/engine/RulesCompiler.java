package io.arbiter.engine;

import io.arbiter.rules.ClaimRules;
import java.nio.file.Path;

/**
 * Compiles the rule files of a folder into rules the engine can adjudicate with; what
 * {@link RulesReload} uses, given to {@link Arbiter.Builder#rulesCompiler} by the caller (the
 * engine itself knows no rules implementation). Implementations may block for seconds.
 */
@FunctionalInterface
public interface RulesCompiler {
  /**
   * @param folder the folder holding the rule files
   * @return the compiled rules, never null
   * @throws io.arbiter.rules.RuleSetException when the rules do not compile (each error with file and line)
   * @throws java.io.UncheckedIOException when the folder cannot be read
   */
  ClaimRules compile(Path folder);
}
