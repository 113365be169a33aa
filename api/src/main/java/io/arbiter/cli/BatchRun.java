package io.arbiter.cli;

import io.arbiter.batch.BatchAdjudicator;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineStatus;
import io.arbiter.engine.Arbiter;
import io.arbiter.scoring.onnx.ModelRegistry;
import io.arbiter.simulate.LedgerOnlyStore;
import io.arbiter.store.Store;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.ParameterException;

/*
 * Why a reader thread and a bounded queue of pending outcomes: the reader parses and hands claims to
 * the lanes while this thread writes finished lines in file order; the queue's capacity is all that
 * is ever held (claims in the lanes, decisions waiting for an earlier line), so memory does not grow
 * with the file. By default the store keeps the ledger only (LedgerOnlyStore): a decision is written
 * out, never kept, and what stays in memory is each checked claim's usage, which later claims' rules
 * need; with --db the store is the database, whose ledger cache is bounded.
 */

/** {@code arbiter adjudicate --batch}: see the command's description. Used once. */
final class BatchRun {
  private static final int IN_FLIGHT = 4096;
  private static final int PROGRESS_EVERY = 1024;
  private static final CompletableFuture<BatchAdjudicator.Outcome> END = new CompletableFuture<>();

  private final AdjudicateCommand command;

  BatchRun(AdjudicateCommand command) {
    this.command = command;
  }

  int call() {
    int lanes = command.threads == null ? Runtime.getRuntime().availableProcessors() : command.threads;
    if (lanes < 1) {
      throw new ParameterException(command.spec.commandLine(), "--threads must be at least 1, was " + lanes);
    }
    long size;
    try {
      size = Files.size(command.claimsFile);
    } catch (IOException e) {
      throw new InputException("cannot read " + command.claimsFile + ": " + Inputs.reason(e));
    }
    PrintWriter err = command.spec.commandLine().getErr();
    Tally tally = new Tally();
    long begun = System.nanoTime();
    try (ModelRegistry registry = command.models == null ? null : ModelRegistry.open(command.models);
        Store store = command.store(LedgerOnlyStore::new)) {
      Arbiter arbiter = command.engine.arbiter(store, registry == null ? null : registry.scorer());
      try (BatchAdjudicator adjudicator = new BatchAdjudicator(arbiter, lanes);
          Counted in = new Counted(Files.newInputStream(command.claimsFile))) {
        // A file takes the lines' bytes as they are; standard output is picocli's writer (tests capture it).
        OutputStream file = command.out == null ? null
            : new BufferedOutputStream(Files.newOutputStream(command.out), 1 << 16);
        PrintWriter stdout = command.spec.commandLine().getOut();
        LineSink to = file != null ? file::write
            : line -> stdout.write(new String(line, StandardCharsets.UTF_8));
        tally.startNanos = System.nanoTime() - begun;
        long start = System.nanoTime();
        long cpu = processCpuNanos();
        try (ImportProgress progress = new ImportProgress(err, size, "claims", "refused")) {
          stream(adjudicator, in, to, tally, progress);
          tally.nanos = System.nanoTime() - start;
          tally.cpuNanos = processCpuNanos() - cpu;
        } finally {
          if (file != null) {
            file.close(); // standard output stays open for the summary
          } else {
            stdout.flush();
          }
        }
      }
      tally.scored = registry != null ? registry.scorer().modelVersion() : null;
      tally.ruleset = arbiter.rules().version();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot adjudicate " + command.claimsFile, e);
    }
    PrintWriter summary = command.out == null ? err : command.spec.commandLine().getOut();
    tally.print(summary, lanes);
    summary.flush();
    return tally.refused == 0 ? 0 : Cli.EXIT_REFUSED;
  }

  /** Where the decision lines go. */
  @FunctionalInterface
  private interface LineSink {
    void write(byte[] bytes) throws IOException;
  }

  private static final byte[] LF = {'\n'};

  private static void stream(BatchAdjudicator adjudicator, Counted in, LineSink to, Tally tally,
      ImportProgress progress)
      throws IOException {
    BlockingQueue<CompletableFuture<BatchAdjudicator.Outcome>> pending = new ArrayBlockingQueue<>(IN_FLIGHT);
    CompletableFuture<Long> read = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        adjudicator.run(in, BatchAdjudicator.DEFAULT_MAX_LINE_BYTES, pending::put);
        pending.put(END);
        read.complete(0L);
      } catch (IOException e) {
        read.completeExceptionally(e);
        pending.offer(END);
      } catch (InterruptedException e) {
        read.completeExceptionally(e);
      }
    }, "arbiter-batch-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      for (CompletableFuture<BatchAdjudicator.Outcome> next = pending.take(); next != END; next = pending.take()) {
        BatchAdjudicator.Outcome outcome = next.join();
        to.write(outcome.line());
        to.write(LF);
        tally.add(outcome);
        if (tally.claims % PROGRESS_EVERY == 0) {
          progress.progress(in.count.get(), tally.claims, tally.refused);
        }
      }
      progress.progress(in.count.get(), tally.claims, tally.refused);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      reader.interrupt();
    }
    if (read.isCompletedExceptionally()) {
      try {
        read.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      }
    }
  }

  /** CPU time of the whole process (every thread, the collector's too), or -1 where the JVM does not tell. */
  private static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }

  /** Counts the bytes read, for the progress bar (read on the other thread). */
  private static final class Counted extends FilterInputStream {
    final AtomicLong count = new AtomicLong();

    Counted(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count.addAndGet(n);
      }
      return n;
    }
  }

  /** What the summary reports; updated by the writing thread only. */
  private static final class Tally {
    long claims;
    long refused;
    long checked;
    long rejected;
    long lines;
    long startNanos;
    long nanos;
    long cpuNanos;
    String scored;
    String ruleset;
    final Map<Integer, Long> rejectionCodes = new TreeMap<>();
    final Map<String, Long> bands = new TreeMap<>();

    void add(BatchAdjudicator.Outcome outcome) {
      claims++;
      ClaimDecision d = outcome.decision();
      if (d == null) {
        refused++;
        return;
      }
      if (d.status() == ClaimStatus.CHECKED) {
        checked++;
      } else if (d.status() == ClaimStatus.REJECTED) {
        rejected++;
      }
      count(d.items());
      count(d.services());
      if (d.risk() != null) {
        bands.merge(d.risk().band(), 1L, Long::sum);
      }
    }

    private void count(List<LineDecision> decided) {
      for (LineDecision line : decided) {
        lines++;
        if (line.status() == LineStatus.REJECTED) {
          rejectionCodes.merge(line.rejectionReason().code(), 1L, Long::sum);
        }
      }
    }

    void print(PrintWriter w, int lanes) {
      double seconds = nanos / 1e9;
      w.printf(Locale.ROOT, "claims           %,d in %.1f s: %,.0f claims/s on %d threads (after %.1f s loading"
          + " the rules and scheme)%n", claims, seconds, claims / Math.max(seconds, 1e-9), lanes, startNanos / 1e9);
      if (cpuNanos >= 0) {
        w.printf(Locale.ROOT, "process CPU      %.1f s while adjudicating: %,.0f claims per CPU-second%n", cpuNanos / 1e9,
            claims / Math.max(cpuNanos / 1e9, 1e-9));
      }
      w.printf(Locale.ROOT, "refused at entry %,d%n", refused);
      w.printf(Locale.ROOT, "claim status     checked %,d, rejected %,d%n", checked, rejected);
      w.printf(Locale.ROOT, "lines            %,d, rejected by code:%s%n", lines, rejectionCodes.isEmpty() ? " none"
          : "");
      rejectionCodes.forEach((code, n) -> w.printf(Locale.ROOT, "  %5d  %,d%n", code, n));
      if (scored == null) {
        w.printf(Locale.ROOT, "risk             not scored (no --models, or no active model)%n");
      } else {
        w.printf(Locale.ROOT, "risk             scored by model %s; bands:%n", scored);
        bands.forEach((band, n) -> w.printf(Locale.ROOT, "  %-9s %,d%n", band, n));
      }
      w.printf(Locale.ROOT, "ruleset          %s%n", ruleset);
    }
  }
}
