package io.arbiter.population;

import java.util.List;

/**
 * The input of a population import cannot be read at all: it is empty, its CSV header is not one
 * Arbiter reads, or not one of its lines could be read as a record. Nothing was imported.
 */
public final class ImportException extends RuntimeException {
  private final List<ImportError> errors;

  /**
   * @param errors the first lines that could not be read; empty when the problem is not a line's
   */
  public ImportException(String message, List<ImportError> errors) {
    super(message);
    this.errors = List.copyOf(errors);
  }

  /** The first lines that could not be read; empty when the problem is not a line's. */
  public List<ImportError> errors() {
    return errors;
  }
}
