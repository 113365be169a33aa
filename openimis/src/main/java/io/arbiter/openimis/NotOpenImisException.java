package io.arbiter.openimis;

import java.util.List;

/** The database lacks tables every openIMIS database has; nothing was read. */
public final class NotOpenImisException extends RuntimeException {
  private final List<String> missingTables;

  NotOpenImisException(List<String> missingTables) {
    super("not an openIMIS database: missing table" + (missingTables.size() == 1 ? " " : "s ")
        + String.join(", ", missingTables));
    this.missingTables = List.copyOf(missingTables);
  }

  /** The missing tables, by their openIMIS names. */
  public List<String> missingTables() {
    return missingTables;
  }
}
