package io.arbiter.population;

import java.util.List;

/**
 * What a population import did. Immutable.
 *
 * <p>A row is a non-blank NDJSON line or CSV data row. Each kind counts the records of that kind
 * the rows carry: an NDJSON row carries one record (none when it cannot be read or has no known
 * {@code type}); a CSV row carries a family and an insuree, and a policy and a membership when it
 * names a policy, so a family or policy repeated over several rows counts once per row.
 *
 * @param format the input's format
 * @param rows every row: read, imported, rejected
 * @param errors the first {@value #MAX_ERRORS} problems, in input order; a rejected row may have
 *     several
 * @param errorsOmitted problems found beyond those listed
 * @param elapsedMillis time from the first byte read to the last commit
 * @param rowsPerSecond rows read per second of {@code elapsedMillis}
 */
public record ImportSummary(ImportFormat format, Counts rows, Counts families, Counts insurees, Counts policies,
    Counts memberships, List<ImportError> errors, long errorsOmitted, long elapsedMillis, long rowsPerSecond) {

  /** Problems listed in a summary; the rest are only counted. */
  public static final int MAX_ERRORS = 100;

  public ImportSummary {
    errors = List.copyOf(errors);
  }

  /** Records (or rows) read, of which imported and rejected. */
  public record Counts(long read, long imported, long rejected) {}
}
