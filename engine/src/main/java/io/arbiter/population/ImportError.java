package io.arbiter.population;

/**
 * Why a row of a population import was rejected.
 *
 * @param line the row's 1-based line number in the input (blank lines and the CSV header count)
 * @param field the offending field: its JSON name in NDJSON, its column in CSV; {@code ""} when the
 *     line as a whole cannot be read
 * @param reason what is wrong, for a person
 */
public record ImportError(long line, String field, String reason) {}
