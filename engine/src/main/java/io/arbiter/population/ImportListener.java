package io.arbiter.population;

/**
 * Hears how far a population import has got, after each committed batch, on the importing thread
 * (so a slow listener slows the import).
 */
@FunctionalInterface
public interface ImportListener {
  /** A listener that ignores progress. */
  ImportListener NONE = (bytes, rows, rejected) -> {};

  /**
   * @param bytes bytes of the input read so far
   * @param rows rows read so far (blank lines do not count)
   * @param rejected rows rejected so far
   */
  void progress(long bytes, long rows, long rejected);
}
