package io.arbiter.api;

import io.arbiter.batch.BatchAdjudicator;
import io.arbiter.batch.Refusal;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/*
 * Why a semaphore released only when a line is written: it bounds everything the batch holds (claims
 * queued on the lanes, outcomes waiting for an earlier line, lines waiting for the socket). When the
 * client reads slowly the response's write queue fills, lines stop being written, the permits run
 * out, the reader blocks and stops fetching the request body, so TCP pushes back on the sender.
 */

/**
 * The answer of {@code POST /v1/claims:batch}: the outcomes of a {@link BatchAdjudicator#run},
 * written as NDJSON in input order as soon as each and those before it are done. {@link #accept}
 * runs on the reading worker and blocks while {@code maxInFlight} lines are unwritten; everything
 * else runs on the request's event loop.
 */
final class BatchResponse implements BatchAdjudicator.Sink {
  private static final Buffer LF = Buffer.buffer("\n");

  private final HttpServerResponse response;
  private final Context context;
  private final int maxInFlight;
  private final Semaphore permits;
  private final Queue<CompletableFuture<BatchAdjudicator.Outcome>> pending = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;
  private boolean ended;

  /** Call on the request's event loop; the response's head is sent with the first line. */
  BatchResponse(HttpServerResponse response, Context context, int maxInFlight) {
    this.response = response;
    this.context = context;
    this.maxInFlight = maxInFlight;
    this.permits = new Semaphore(maxInFlight);
    response.setChunked(true).putHeader("Content-Type", "application/x-ndjson");
    response.closeHandler(v -> {
      closed = true;
      permits.release(maxInFlight); // wakes the reader, which then stops
    });
  }

  @Override
  public void accept(CompletableFuture<BatchAdjudicator.Outcome> next) throws InterruptedException {
    permits.acquire();
    if (closed) {
      throw new InterruptedException("the client closed the connection");
    }
    pending.add(next);
    next.whenComplete((outcome, failure) -> context.runOnContext(v -> pump()));
  }

  /** The reader reached the end of the body: the answer ends once every line is written. */
  void finish() {
    ended = true;
    pump();
  }

  /** The outcome's line; a lane that failed outside the engine (shut down) answers a server fault, as a line. */
  private static byte[] line(CompletableFuture<BatchAdjudicator.Outcome> done) {
    try {
      return done.join().line();
    } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
      return BatchAdjudicator.problemLine(-1, Refusal.of(e)).toString()
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Writes the done outcomes at the head of the queue while the socket takes them. */
  private void pump() {
    while (!closed) {
      CompletableFuture<BatchAdjudicator.Outcome> head = pending.peek();
      if (head == null) {
        if (ended) {
          closed = true;
          response.end();
        }
        return;
      }
      if (!head.isDone()) {
        return;
      }
      if (response.writeQueueFull()) {
        response.drainHandler(v -> pump());
        return;
      }
      pending.poll();
      response.write(Buffer.buffer(line(head)).appendBuffer(LF));
      permits.release();
    }
  }
}
