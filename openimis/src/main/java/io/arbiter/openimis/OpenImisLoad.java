package io.arbiter.openimis;

import io.arbiter.engine.Arbiter;
import io.arbiter.population.ImportFormat;
import io.arbiter.population.ImportListener;
import io.arbiter.population.ImportSummary;
import io.arbiter.scheme.SchemeDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/*
 * Why the population goes through a temporary file: the openIMIS connection stays read-only and
 * short (it is closed before Arbiter's database is written), and the population is loaded in
 * bounded memory whatever its size, by the same path and checks as `arbiter import FILE`.
 */

/**
 * One import of an openIMIS database into a running Arbiter, as {@link OpenImisRefresher} and the
 * server's admin job run it: read (read-only) into a temporary NDJSON file, replace the scheme if it
 * changed, load the population. Blocks on both databases: never call it from an event loop.
 */
public final class OpenImisLoad {
  private static final ImportSummary.Counts NONE = new ImportSummary.Counts(0, 0, 0);
  private static final ImportSummary NOTHING = new ImportSummary(ImportFormat.NDJSON, NONE, NONE, NONE, NONE, NONE,
      java.util.List.of(), 0, 0, 0);

  private OpenImisLoad() {}

  /**
   * What one load did.
   *
   * @param report the mapping report of the read
   * @param population the population import's summary
   * @param watermark the {@code since} of the next refresh
   * @param scheme the scheme read
   * @param schemeReplaced whether the scheme differed from the previous one and was replaced
   */
  public record Outcome(MappingReport report, ImportSummary population, Instant watermark, SchemeDocument scheme,
      boolean schemeReplaced) {}

  /** Hears how a load goes, on the loading thread. */
  public interface Progress extends ImportListener {
    /** Reading openIMIS is over; the population ({@code bytes} of NDJSON) is being loaded. */
    void loading(long bytes);
  }

  /**
   * Reads the database {@code options} name and loads it into {@code arbiter}.
   *
   * @param previous the scheme the previous load read (null: none); the scheme is replaced only
   *     when the new one differs
   * @throws NotOpenImisException naming each missing table; nothing was loaded
   * @throws OpenImisDatabaseException when the openIMIS database fails; nothing was loaded
   * @throws io.arbiter.scheme.SchemeException when the scheme read is invalid; nothing was loaded
   * @throws IOException when the temporary file fails
   */
  public static Outcome run(Arbiter arbiter, OpenImisOptions options, SchemeDocument previous, Progress progress)
      throws OpenImisDatabaseException, IOException {
    Path population = Files.createTempFile("openimis-", ".ndjson");
    try {
      OpenImisImport.Result result;
      try (OpenImisSession session = OpenImisSession.open(options); Writer w = Files.newBufferedWriter(population)) {
        result = session.read(w);
      }
      boolean replace = !result.scheme().equals(previous);
      if (replace) {
        arbiter.scheme().replace(result.scheme());
      }
      long bytes = Files.size(population);
      progress.loading(bytes);
      ImportSummary summary;
      if (bytes <= 1) {
        // A refresh that found nothing changed wrote only the final newline: Arbiter's import
        // refuses an empty input, and there is nothing to load.
        summary = NOTHING;
      } else {
        try (InputStream in = Files.newInputStream(population)) {
          summary = arbiter.imports().population(in, ImportFormat.NDJSON, progress);
        }
      }
      return new Outcome(result.report(), summary, result.watermark(), result.scheme(), replace);
    } finally {
      Files.deleteIfExists(population);
    }
  }
}
