package io.arbiter.api;

import io.arbiter.engine.SamplingBatches;
import io.arbiter.access.Actor;
import io.arbiter.access.AuditLog;
import io.arbiter.access.Tokens;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import io.arbiter.engine.Problem;
import io.arbiter.engine.JsonInput;
import io.arbiter.review.BatchRequest;
import io.arbiter.review.SamplingBatch;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/** The sampling batches' routes: draw one, list them, read one and its claims, extrapolate, report. */
final class SamplingHandlers {
  static final int DEFAULT_BATCH_LIST_SIZE = 20;

  private final Arbiter arbiter;
  private final AuditLog audit;

  SamplingHandlers(Arbiter arbiter, AuditLog audit) {
    this.arbiter = arbiter;
    this.audit = audit;
  }

  /** {@code POST /v1/sampling-batches}: draws a batch; 201 with its location. */
  void createSamplingBatch(RoutingContext ctx) {
    byte[] body = Requests.body(ctx);
    Actor actor = Access.actor(ctx);
    Reply.onWorker(ctx, () -> {
      SamplingBatch batch = arbiter.sampling().create(JsonInput.read(body, BatchRequest.class));
      audit.record(actor, "sampling.batch", batch.id(), Tokens.sha256(body), Requests.hash(batch));
      return Reply.created(batch, "/v1/sampling-batches/" + batch.id());
    });
  }

  /** {@code GET /v1/sampling-batches}: the most recent batches, so that the reviewer page can offer them. */
  void samplingBatches(RoutingContext ctx) {
    MultiMap query = ctx.queryParams();
    List<Problem> problems = new ArrayList<>();
    for (String name : query.names()) {
      if (!"size".equals(name)) {
        problems.add(new Problem(name, "is not a parameter of the sampling batch list", false));
      }
    }
    int size = Requests.queryInt(query.get("size"), "size", DEFAULT_BATCH_LIST_SIZE, 1, SamplingBatches.MAX_BATCH_LIST_SIZE,
        problems);
    if (Requests.valid(ctx, "the batch list's parameters are not valid", problems)) {
      Reply.onWorker(ctx, () -> Reply.ok(arbiter.sampling().recent(size)));
    }
  }

  /** {@code GET /v1/sampling-batches/{id}/claims}: the batch's claims and where each one's review stands. */
  void samplingBatchClaims(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Reply.onWorker(ctx, () -> Reply.ok(arbiter.sampling().claims(id)));
  }

  void samplingBatch(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Reply.onWorker(ctx, () -> Reply.ok(arbiter.sampling().get(id).orElseThrow(() -> new ArbiterException(
        ArbiterException.Kind.NOT_FOUND, "sampling batch " + id + " does not exist", List.of()))));
  }

  void extrapolate(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Actor actor = Access.actor(ctx);
    Reply.onWorker(ctx, () -> {
      String before = arbiter.sampling().get(id).map(Requests::hash).orElse(null);
      Object result = arbiter.sampling().extrapolate(id);
      audit.record(actor, "sampling.extrapolate", id, before, Requests.hash(result));
      return Reply.ok(result);
    });
  }

  void samplingReport(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Reply.onWorker(ctx, () -> Reply.ok(arbiter.sampling().report(id)));
  }
}
