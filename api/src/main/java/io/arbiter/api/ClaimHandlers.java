package io.arbiter.api;

import io.arbiter.engine.Submission;
import io.arbiter.batch.BatchAdjudicator;
import io.arbiter.claim.Claim;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import io.arbiter.engine.JsonInput;
import io.arbiter.population.ImportFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

/**
 * The claims' routes: submit one, submit a batch (NDJSON), read one back, process one, and an
 * insuree's balance. Each runs on the event loop only long enough to take the request apart.
 */
final class ClaimHandlers {
  private static final String BATCH_WORKER = "arbiter-batch-reader";
  /** Batches read at once; more wait for a reader. */
  private static final int BATCH_READERS = 4;
  /** Lines of one batch held at once (adjudicating, or decided and waiting to be written). */
  static final int BATCH_IN_FLIGHT = 512;

  private final Vertx vertx;
  private final Arbiter arbiter;
  private final WorkerExecutor batchReaders;
  private final BatchAdjudicator batches;
  private final int maxLineBytes;

  /** @param maxLineBytes the longest line of a batch, as the body limit of one claim */
  ClaimHandlers(Vertx vertx, Arbiter arbiter, int maxLineBytes) {
    this.vertx = vertx;
    this.arbiter = arbiter;
    this.maxLineBytes = maxLineBytes;
    this.batchReaders = vertx.createSharedWorkerExecutor(BATCH_WORKER, BATCH_READERS, 1, TimeUnit.HOURS);
    this.batches = new BatchAdjudicator(arbiter, Runtime.getRuntime().availableProcessors());
  }

  /** Releases the batch readers and lanes. */
  Future<Void> close() {
    batches.close();
    return batchReaders.close();
  }

  void submit(RoutingContext ctx) {
    byte[] body = Requests.body(ctx);
    Reply.onWorker(ctx, () -> {
      Submission submission = arbiter.claims().submit(JsonInput.read(body, Claim.class));
      String location = "/v1/claims/" + URLEncoder.encode(submission.decision().code(), StandardCharsets.UTF_8)
          .replace("+", "%20");
      return new Reply(submission.created() ? 201 : 200, Reply.write(submission.decision()), location);
    });
  }

  /**
   * {@code POST /v1/claims:batch}: NDJSON claims in, one NDJSON line out per line in, in input
   * order, streamed as the claims are decided (each stored first), with the body read only as fast
   * as the answer is taken; see {@link BatchAdjudicator} and {@link BatchResponse}. A body cut short
   * ends the answer where it is, since its status has been sent.
   */
  void batch(RoutingContext ctx) {
    if (!Requests.postOnly(ctx)) {
      return;
    }
    if (Requests.streamedFormat(ctx, EnumSet.of(ImportFormat.NDJSON), "application/x-ndjson (UTF-8), one claim a line")
        == null) {
      return;
    }
    StreamedBody body = StreamedBody.of(ctx.request());
    BatchResponse answer = new BatchResponse(ctx.response(), vertx.getOrCreateContext(), BATCH_IN_FLIGHT);
    batchReaders.executeBlocking(() -> batches.run(body, maxLineBytes, answer), false).onComplete(done -> {
      body.discardRest();
      if (done.succeeded()) {
        answer.finish();
      } else if (!ctx.response().closed()) {
        ctx.request().connection().close();
      }
    });
  }

  void claim(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    Reply.onWorker(ctx, () -> Reply.ok(arbiter.claims().decisionWithLedger(code)
        .orElseThrow(() -> ArbiterException.notFound(code))));
  }

  void process(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    Reply.onWorker(ctx, () -> Reply.ok(arbiter.claims().process(code)));
  }

  void balance(RoutingContext ctx) {
    String chfId = ctx.pathParam("chfId");
    LocalDate date = Requests.date(ctx.queryParams().get("date"));
    Reply.onWorker(ctx, () -> Reply.ok(arbiter.balances().of(chfId, date)));
  }
}
