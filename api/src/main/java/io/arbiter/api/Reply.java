package io.arbiter.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.json.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * A successful answer of a route handler, already written as JSON, and how handlers get one: the
 * engine call, and reading and writing JSON, run on a worker thread within the request's
 * {@link WorkBudget} (unordered, so requests run in parallel); failures go to {@link Failures}.
 */
record Reply(int status, Buffer json, String location) {
  private static final String JSON = "application/json";
  static final Reply NO_CONTENT = new Reply(204, null, null);

  static Reply ok(Object body) {
    return new Reply(200, write(body), null);
  }

  /** 201 with the created resource and its location. */
  static Reply created(Object body, String location) {
    return new Reply(201, write(body), location);
  }

  /** Runs the work on a worker within the request's budget, then answers what it gives, or fails the request. */
  static void onWorker(RoutingContext ctx, Callable<Reply> work) {
    answer(ctx, WorkBudget.onWorker(ctx, work));
  }

  /** Answers what {@code reply} gives, or fails the request with its failure. */
  static void answer(RoutingContext ctx, Future<Reply> reply) {
    reply.onComplete(done -> {
      if (done.succeeded()) {
        done.result().send(ctx);
      } else {
        ctx.fail(done.cause());
      }
    });
  }

  /** Written on the worker; a value that cannot be written is the server's fault, not the client's. */
  static Buffer write(Object value) {
    try {
      return Buffer.buffer(Json.mapper().writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  void send(RoutingContext ctx) {
    if (location != null) {
      ctx.response().putHeader(HttpHeaders.LOCATION, location);
    }
    if (json == null) {
      ctx.response().setStatusCode(status).end();
      return;
    }
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(json);
  }
}
