package io.arbiter.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Sets the level of Arbiter's own loggers at run time; the libraries' stay at logback.xml's (WARN). */
public final class LogLevels {
  /** Arbiter's loggers: its classes, the request and decision lines. */
  static final List<String> ARBITER = List.of("io.arbiter", "arbiter");
  /** The levels {@link #apply} takes. */
  public static final List<String> NAMES = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  private LogLevels() {}

  /**
   * @param level one of {@link #NAMES}, in any case
   * @throws IllegalArgumentException naming the levels, for any other
   */
  public static void apply(String level) {
    if (level == null || !NAMES.contains(level.toUpperCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException("must be one of " + String.join(", ", NAMES) + ", was '" + level + "'");
    }
    Level l = Level.toLevel(level);
    // Under another logging backend (tests with slf4j-simple) there is nothing to set.
    for (String name : ARBITER) {
      if (LoggerFactory.getLogger(name) instanceof Logger logger) {
        logger.setLevel(l);
      }
    }
  }
}
