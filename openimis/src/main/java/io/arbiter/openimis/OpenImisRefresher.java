package io.arbiter.openimis;

import io.arbiter.engine.Arbiter;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.population.ImportFormat;
import io.arbiter.population.ImportListener;
import io.arbiter.population.ImportSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a running Arbiter in step with an openIMIS database ({@code serve --openimis URL --refresh
 * PT5M}): the first run imports everything, each later run only what changed since the previous
 * one's watermark. The scheme is replaced only when it changed; decided claims are never touched.
 * A failed run is logged and retried from the same watermark next time. Run from one thread at a
 * time (a scheduled executor's), never from an event loop: it blocks on both databases.
 */
public final class OpenImisRefresher implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(OpenImisRefresher.class);

  private final String url;
  private final String user;
  private final String password;
  private final Arbiter arbiter;
  private Instant watermark;
  private SchemeDocument scheme;

  public OpenImisRefresher(String url, String user, String password, Arbiter arbiter) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.arbiter = arbiter;
  }

  /** The watermark of the last successful run; null before the first. */
  public synchronized Instant watermark() {
    return watermark;
  }

  @Override
  public synchronized void run() {
    try {
      refresh();
    } catch (SQLException | IOException | RuntimeException e) {
      LOG.error("openIMIS refresh from {} failed; the next one starts again from {}", url, watermark, e);
    }
  }

  /**
   * One refresh; throws where {@link #run} logs.
   *
   * @return the population import's summary
   */
  public synchronized ImportSummary refresh() throws SQLException, IOException {
    Path population = Files.createTempFile("openimis-refresh-", ".ndjson");
    try {
      OpenImisImport.Result result;
      try (Connection c = OpenImisImport.connect(url, user, password); Writer w = Files.newBufferedWriter(population)) {
        OpenImisImport importer = new OpenImisImport(c);
        if (watermark != null) {
          importer.since(watermark);
        }
        result = importer.run(scheme == null ? "openIMIS" : scheme.name(), w);
      }
      if (!result.scheme().equals(scheme)) {
        arbiter.scheme().replace(result.scheme());
        scheme = result.scheme();
      }
      ImportSummary summary;
      try (InputStream in = Files.newInputStream(population)) {
        summary = arbiter.imports().population(in, ImportFormat.NDJSON, ImportListener.NONE);
      }
      LOG.info("openIMIS refresh from {} since {}: {} rows read, {} population rows imported, {} skipped, {} rejected",
          url, watermark, result.report().getRowsRead(), summary.rows().imported(), result.report().getRowsSkipped(),
          summary.rows().rejected());
      watermark = result.watermark();
      return summary;
    } finally {
      try {
        Files.deleteIfExists(population);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
