package io.arbiter.scoring.onnx;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/*
 * Why batches wait only for callers already on their way: an ORT call costs ~5 µs for one row and
 * ~11 µs for 256 (LR), so gathering the lines of concurrent claims multiplies throughput, but a
 * fixed 1 ms window would add 1 ms to every lone claim. Each caller announces itself when it starts
 * extracting features (tens of µs before it enqueues). The scoring thread takes what is queued and
 * waits — at most MAX_WAIT — only while announced callers have not enqueued yet; a lone caller is
 * therefore scored at once, and under load a batch fills with the claims in flight.
 */

/**
 * Gathers the rows of concurrent callers into one ORT call per model on a single daemon thread:
 * up to {@link #MAX_ROWS} rows, waiting at most {@link #MAX_WAIT_NANOS} and only for callers that
 * announced themselves. Thread-safe.
 */
final class Batcher implements AutoCloseable {
  static final int MAX_ROWS = 256;
  static final long MAX_WAIT_NANOS = 1_000_000;

  /** Rows of one model to score; {@code observed} leading rows are served lines (drift). */
  record Job(LoadedModel model, float[][] rows, int count, int observed, CompletableFuture<float[]> result) {}

  private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger arriving = new AtomicInteger();
  private final boolean waitForArrivals;
  private final Thread thread;
  private volatile boolean closed;
  private FloatBuffer buffer = OnnxModel.directBuffer(MAX_ROWS * 128);
  final LongAdder calls = new LongAdder();
  final LongAdder rowsScored = new LongAdder();
  /** Told the row count of every ORT call (metrics); does nothing until set. */
  volatile java.util.function.IntConsumer onBatch = rows -> {};

  /** @param waitForArrivals false scores whatever is queued without waiting (for measurements) */
  Batcher(boolean waitForArrivals) {
    this.waitForArrivals = waitForArrivals;
    this.thread = new Thread(this::run, "arbiter-scoring");
    thread.setDaemon(true);
    thread.start();
  }

  /** A caller starts preparing rows; must be followed by {@link #arrived()}. */
  void arriving() {
    arriving.incrementAndGet();
  }

  /** The caller has submitted its jobs (or given up). */
  void arrived() {
    arriving.decrementAndGet();
  }

  CompletableFuture<float[]> submit(LoadedModel model, float[][] rows, int count, int observed) {
    CompletableFuture<float[]> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IllegalStateException("the scorer is closed"));
      return result;
    }
    queue.add(new Job(model, rows, count, observed, result));
    return result;
  }

  private void run() {
    List<Job> batch = new ArrayList<>();
    while (!closed) {
      try {
        Job first = queue.take();
        batch.add(first);
        int rows = first.count();
        Job next;
        while (rows < MAX_ROWS && (next = queue.poll()) != null) {
          batch.add(next);
          rows += next.count();
        }
        if (waitForArrivals) {
          long deadline = System.nanoTime() + MAX_WAIT_NANOS;
          while (rows < MAX_ROWS && arriving.get() > 0) {
            long left = deadline - System.nanoTime();
            next = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
              break;
            }
            batch.add(next);
            rows += next.count();
          }
        }
        score(batch);
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException | Error e) {
        batch.forEach(j -> j.result().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
    Job left;
    while ((left = queue.poll()) != null) {
      left.result().completeExceptionally(new IllegalStateException("the scorer is closed"));
    }
  }

  private void score(List<Job> batch) {
    Map<LoadedModel, List<Job>> byModel = new IdentityHashMap<>();
    for (Job j : batch) {
      byModel.computeIfAbsent(j.model(), m -> new ArrayList<>()).add(j);
    }
    byModel.forEach((model, jobs) -> {
      try {
        int width = model.model().width();
        int total = jobs.stream().mapToInt(Job::count).sum();
        if (buffer.capacity() < total * width) {
          buffer = OnnxModel.directBuffer(Integer.highestOneBit(total * width) << 1);
        }
        buffer.clear();
        for (Job j : jobs) {
          for (int r = 0; r < j.count(); r++) {
            buffer.put(j.rows()[r], 0, width);
          }
        }
        float[] p = model.model().rawProbabilities(buffer, total);
        calls.increment();
        rowsScored.add(total);
        onBatch.accept(total);
        // Drift first, so that a caller who got its probabilities finds its rows counted.
        for (Job j : jobs) {
          model.drift().recordRows(j.rows(), j.observed());
        }
        int at = 0;
        for (Job j : jobs) {
          float[] mine = new float[j.count()];
          System.arraycopy(p, at, mine, 0, j.count());
          at += j.count();
          j.result().complete(mine);
        }
      } catch (RuntimeException e) {
        jobs.forEach(j -> j.result().completeExceptionally(e));
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
