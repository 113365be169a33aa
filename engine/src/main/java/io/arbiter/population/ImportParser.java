package io.arbiter.population;

/** Reads the rows of one import format. Not thread-safe: one parser per import. */
interface ImportParser {

  /** The row of the current, non-blank line; every problem is noted in the row, never thrown. */
  ImportRow row(ImportLines line);
}
