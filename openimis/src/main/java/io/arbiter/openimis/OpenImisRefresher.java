package io.arbiter.openimis;

import io.arbiter.engine.Arbiter;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.population.ImportSummary;
import java.io.IOException;
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
    } catch (OpenImisDatabaseException | IOException | RuntimeException e) {
      LOG.error("openIMIS refresh from {} failed; the next one starts again from {}", url, watermark, e);
    }
  }

  /**
   * One refresh; throws where {@link #run} logs.
   *
   * @return the population import's summary
   */
  public synchronized ImportSummary refresh() throws OpenImisDatabaseException, IOException {
    OpenImisLoad.Outcome outcome = OpenImisLoad.run(arbiter, new OpenImisOptions(url, user, password,
        scheme == null ? "openIMIS" : scheme.name(), watermark), scheme, NO_PROGRESS);
    scheme = outcome.scheme();
    ImportSummary summary = outcome.population();
    LOG.info("openIMIS refresh from {} since {}: {} rows read, {} population rows imported, {} skipped, {} rejected",
        url, watermark, outcome.report().getRowsRead(), summary.rows().imported(), outcome.report().getRowsSkipped(),
        summary.rows().rejected());
    watermark = outcome.watermark();
    return summary;
  }

  private static final OpenImisLoad.Progress NO_PROGRESS = new OpenImisLoad.Progress() {
    @Override
    public void loading(long bytes) {}

    @Override
    public void progress(long bytes, long rows, long rejected) {}
  };
}
