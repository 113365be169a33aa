package io.arbiter.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import io.arbiter.engine.Problem;
import io.arbiter.json.Json;
import io.arbiter.engine.JsonInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * Why lanes keyed by family: the claims of one family must see each other's usage as if submitted
 * in input order (frequency and limits per insuree, deductibles and ceilings per policy, shared by
 * the members), which Arbiter's family lock alone does not give: with a shared pool a second claim
 * can take the lock before the first. Each claim goes to lane hash(family key) mod N, a lane being
 * one thread that runs its claims in the order given, so different families run in parallel and
 * one family's claims in order: the decisions do not depend on the number of lanes or on timing.
 * Why the line is parsed on the reader's thread: the lane is chosen by the claim's family, which
 * only the parsed claim's insuree gives; parsing (tens of µs) overlaps the lanes' adjudication.
 */

/**
 * Family lanes: adjudicates a stream of NDJSON claims (one a line) on a fixed number of lanes, one thread each,
 * and hands back, in input order, one NDJSON line per input line: the decision, or the {@link Refusal} with the line's 0-based {@code index} when the claim is refused. Shared by
 * {@code POST /v1/claims:batch} and {@code arbiter adjudicate --batch}. Thread-safe; {@link #run}
 * may be called by several threads at once (each stream's claims are then interleaved on the
 * lanes). Each decision is stored by {@link io.arbiter.engine.Claims#submit} before its outcome completes. The
 * guarantee: the claims of one family are adjudicated in input order, whatever the number of lanes.
 */
public final class BatchAdjudicator implements AutoCloseable {
  private static final byte[] EMPTY = new byte[0];
  /**
   * The longest line of {@code arbiter adjudicate --batch}: 1 MiB, the HTTP API's default body limit
   * for one claim, so that a file refuses the lines the server would.
   */
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

  private final Arbiter arbiter;
  private final ExecutorService[] lanes;

  /**
   * @param arbiter the engine the claims are submitted to
   * @param lanes threads adjudicating at once, at least 1 (the cores, usually)
   * @throws IllegalArgumentException when {@code lanes} is less than 1
   */
  public BatchAdjudicator(Arbiter arbiter, int lanes) {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be at least 1, was " + lanes);
    }
    this.arbiter = Objects.requireNonNull(arbiter, "arbiter");
    this.lanes = new ExecutorService[lanes];
    AtomicInteger numbers = new AtomicInteger();
    for (int i = 0; i < lanes; i++) {
      this.lanes[i] = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "arbiter-batch-lane-" + numbers.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
  }

  /**
   * What one input line gave.
   *
   * @param index the line's 0-based number in the stream
   * @param line the output line, UTF-8 JSON without the line feed
   * @param decision the claim's decision; null when the claim was refused
   * @param problem why the claim was refused; null when it was decided
   */
  public record Outcome(long index, byte[] line, ClaimDecision decision, Refusal problem) {}

  /**
   * Where {@link #run} hands each line's pending outcome, in input order. It may block (that is how
   * the caller bounds the claims in flight), and throw to stop the run.
   */
  @FunctionalInterface
  public interface Sink {
    void accept(CompletableFuture<Outcome> next) throws InterruptedException;
  }

  /**
   * Reads {@code in} line by line (LF or CRLF; a last line without its line feed counts; an empty
   * stream has no lines) and submits each claim, handing each line's outcome to {@code sink} as soon
   * as the line is read. An empty line, a line longer than {@code maxLineBytes} or one that is not a
   * claim is answered with a problem and the stream goes on. Memory: one line, plus what the sink
   * keeps. Blocks the calling thread until the stream ends (outcomes may still be pending then).
   *
   * @return the number of lines read
   * @throws IOException when {@code in} fails
   * @throws InterruptedException when the sink was interrupted
   */
  public long run(InputStream in, int maxLineBytes, Sink sink) throws IOException, InterruptedException {
    LineReader lines = new LineReader(in, maxLineBytes);
    long index = 0;
    for (byte[] line = lines.next(); line != null; line = lines.next(), index++) {
      sink.accept(line == LineReader.TOO_LONG ? refused(index, tooLong(maxLineBytes)) : submit(index, line));
    }
    return index;
  }

  /** Parses on this thread, then adjudicates on the lane of the claim's family. */
  private CompletableFuture<Outcome> submit(long index, byte[] json) {
    Claim claim;
    try {
      if (isBlank(json)) {
        throw new ArbiterException(ArbiterException.Kind.MALFORMED, "the line is empty",
            List.of(new Problem("", "must be a claim (one JSON object a line)", true)));
      }
      claim = JsonInput.read(json, Claim.class);
    } catch (JsonProcessingException | RuntimeException e) {
      return refused(index, e);
    }
    String key = claim.chfId() == null ? "" : arbiter.claims().familyKey(claim.chfId());
    return CompletableFuture.supplyAsync(() -> adjudicate(index, claim),
        lanes[Math.floorMod(key.hashCode(), lanes.length)]);
  }

  private Outcome adjudicate(long index, Claim claim) {
    try {
      ClaimDecision decision = arbiter.claims().submit(claim).decision();
      return new Outcome(index, Json.mapper().writeValueAsBytes(decision), decision, null);
    } catch (JsonProcessingException | RuntimeException e) {
      return refused(index, e).join();
    }
  }

  private static CompletableFuture<Outcome> refused(long index, Throwable failure) {
    Refusal problem = Refusal.of(failure);
    return CompletableFuture.completedFuture(new Outcome(index, problemLine(index, problem).toString()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8), null, problem));
  }

  private static ArbiterException tooLong(int maxLineBytes) {
    return new ArbiterException(ArbiterException.Kind.MALFORMED, "the line is too long",
        List.of(new Problem("", "must be at most " + maxLineBytes + " bytes", false)));
  }

  private static boolean isBlank(byte[] json) {
    for (byte b : json) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** A problem as a line of a batch's answer: the problem document with the line's 0-based {@code index} first. */
  public static ObjectNode problemLine(long index, Refusal problem) {
    ObjectNode line = Json.mapper().createObjectNode().put("index", index);
    line.setAll((ObjectNode) Json.mapper().valueToTree(problem));
    return line;
  }

  /** Stops the lanes; claims queued and not started are dropped. */
  @Override
  public void close() {
    for (ExecutorService lane : lanes) {
      lane.shutdownNow();
    }
  }

  /** Lines of bytes, at most a given length each; what is past the limit is skipped, not kept. */
  private static final class LineReader {
    static final byte[] TOO_LONG = new byte[0];
    private final InputStream in;
    private final int max;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];

    LineReader(InputStream in, int max) {
      this.in = in;
      this.max = max;
    }

    /** The next line without its LF (and CR), {@link #TOO_LONG}, or null at the end. */
    byte[] next() throws IOException {
      int length = 0;
      boolean tooLong = false;
      boolean any = false;
      while (true) {
        if (position == limit) {
          limit = in.read(buffer);
          position = 0;
          if (limit <= 0) {
            limit = 0;
            return any ? finish(length, tooLong) : null;
          }
        }
        any = true;
        int start = position;
        while (position < limit && buffer[position] != '\n') {
          position++;
        }
        int n = position - start;
        if (!tooLong) {
          if (length + n > max + 1) { // + 1: a CR before the LF does not count
            tooLong = true;
          } else {
            if (length + n > line.length) {
              line = Arrays.copyOf(line, Math.max(length + n, Math.min(max + 1, line.length * 2)));
            }
            System.arraycopy(buffer, start, line, length, n);
            length += n;
          }
        }
        if (position < limit) { // at the LF
          position++;
          return finish(length, tooLong);
        }
      }
    }

    private byte[] finish(int length, boolean tooLong) {
      if (length > 0 && line[length - 1] == '\r') {
        length--;
      }
      if (tooLong || length > max) {
        return TOO_LONG;
      }
      return length == 0 ? EMPTY : Arrays.copyOf(line, length);
    }
  }
}
