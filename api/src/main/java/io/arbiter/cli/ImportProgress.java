package io.arbiter.cli;

import io.arbiter.population.ImportListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of {@code arbiter import}: the share of the file's bytes read, with the rows
 * done, the rows per second and the rows rejected so far, redrawn on one line of standard error
 * every half second and once more when closed. Thread-safe, as the bar redraws from a thread of its
 * own.
 */
final class ImportProgress implements ImportListener, AutoCloseable {
  private final ProgressBar bar;
  private final PrintWriter err;
  private final long start = System.nanoTime();
  private final String rows;
  private final String rejected;

  /** @param size the file's size in bytes */
  ImportProgress(PrintWriter err, long size) {
    this(err, size, "rows", "rejected");
  }

  /** As above, naming what is counted: {@code "claims"} and {@code "refused"} for a batch. */
  ImportProgress(PrintWriter err, long size, String rows, String rejected) {
    this.err = err;
    this.rows = rows;
    this.rejected = rejected;
    this.bar = new ProgressBarBuilder()
        .setTaskName("")
        .setInitialMax(size)
        .setUnit(" MiB", 1 << 20)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .setConsumer(new DelegatingProgressBarConsumer(line -> {
          err.print('\r' + line);
          err.flush();
        }))
        .build();
  }

  @Override
  public void progress(long bytes, long rows, long rejected) {
    long nanos = Math.max(1, System.nanoTime() - start);
    bar.setExtraMessage(String.format("%,d %s %,d/s %,d %s", rows, this.rows, rows * 1_000_000_000L / nanos, rejected,
        this.rejected));
    bar.stepTo(bytes);
  }

  @Override
  public void close() {
    bar.close();
    err.println();
    err.flush();
  }
}
