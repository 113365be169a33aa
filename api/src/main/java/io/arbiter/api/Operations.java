package io.arbiter.api;

import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.scoring.onnx.ModelRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Why the database check is shared and bounded: a load balancer probes every few seconds, and
 * while the database is down a connection attempt can hang for the pool's timeout (30 s). Each
 * probe therefore joins the check already running, if any, and is answered "down" after
 * READY_TIMEOUT whatever the check is still doing; no probe ever holds more than one worker.
 */

/**
 * The operator's routes: {@code /health}, {@code /health/live}, {@code /health/ready},
 * {@code /metrics} (Prometheus text format) and {@code /openapi.yaml}. Thread-safe.
 */
final class Operations {
  /** How long readiness waits for the database before calling it down. */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(2);
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Vertx vertx;
  private final Arbiter arbiter;
  private final ModelRegistry models;
  private final PrometheusMeterRegistry meters;
  private final Buffer openApi;
  private Future<Boolean> databaseCheck; // guarded by this

  /**
   * @param models the registry the Arbiter scores with; null when scoring is disabled (the model
   *     check then passes)
   * @param openApi the document {@code GET /openapi.yaml} answers
   */
  Operations(Vertx vertx, Arbiter arbiter, ModelRegistry models, PrometheusMeterRegistry meters, Buffer openApi) {
    this.vertx = vertx;
    this.openApi = openApi;
    this.arbiter = arbiter;
    this.models = models;
    this.meters = meters;
  }

  PrometheusMeterRegistry meters() {
    return meters;
  }

  /** The answer of {@code GET /health}. */
  record Health(String status, String schemeVersion, String rulesetVersion) {}

  void health(RoutingContext ctx) {
    Reply.onWorker(ctx, () -> Reply.ok(new Health("UP", arbiter.scheme().summary().version(), arbiter.rules().version())));
  }

  void openApi(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml").end(openApi);
  }

  /** {@code GET /health/live}: the process answers. */
  void live(RoutingContext ctx) {
    json(ctx, 200, Map.of("status", "UP"));
  }

  /**
   * {@code GET /health/ready}: 200 when the database answers, a scheme is loaded, the ruleset is
   * built and a model is active (or scoring is disabled); else 503. The body lists every check.
   */
  void ready(RoutingContext ctx) {
    database().onComplete(db -> {
      Map<String, Object> checks = new LinkedHashMap<>();
      checks.put("database", check(db.succeeded() && db.result(), db.succeeded() && db.result() ? null
          : "the database did not answer within " + READY_TIMEOUT.toMillis() + " ms"));
      checks.put("scheme", versioned(arbiter.scheme().summary().version()));
      checks.put("ruleset", versioned(arbiter.rules().version()));
      if (models == null) {
        checks.put("model", Map.of("status", "UP", "detail", "scoring is disabled"));
      } else {
        checks.put("model", models.active().<Map<String, Object>>map(m -> Map.of("status", "UP", "version", m.id()))
            .orElseGet(() -> check(false, "no active model (upload and activate one, or serve with --no-scoring)")));
      }
      boolean up = checks.values().stream().allMatch(c -> "UP".equals(((Map<?, ?>) c).get("status")));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", up ? "UP" : "DOWN");
      body.put("checks", checks);
      json(ctx, up ? 200 : 503, body);
    });
  }

  /** {@code GET /metrics}: every meter, scraped on a worker. */
  void metrics(RoutingContext ctx) {
    vertx.executeBlocking(meters::scrape, false).onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
      } else {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).end(done.result());
      }
    });
  }

  /** The running database check, or a new one; false after READY_TIMEOUT whatever it still does. */
  private Future<Boolean> database() {
    Future<Boolean> running = runningCheck();
    Promise<Boolean> answer = Promise.promise();
    long timer = vertx.setTimer(READY_TIMEOUT.toMillis(), t -> answer.tryComplete(false));
    running.onComplete(done -> {
      vertx.cancelTimer(timer);
      answer.tryComplete(done.succeeded() && done.result());
    });
    return answer.future();
  }

  private synchronized Future<Boolean> runningCheck() {
    Future<Boolean> running = databaseCheck;
    if (running == null) {
      Future<Boolean> started = vertx.executeBlocking(() -> arbiter.storeReachable(READY_TIMEOUT), false);
      databaseCheck = started;
      started.onComplete(done -> checkDone(started));
      return started;
    }
    return running;
  }

  private synchronized void checkDone(Future<Boolean> check) {
    if (databaseCheck == check) {
      databaseCheck = null;
    }
  }

  private static Map<String, Object> check(boolean up, String detail) {
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("status", up ? "UP" : "DOWN");
    if (detail != null) {
      check.put("detail", detail);
    }
    return check;
  }

  private static Map<String, Object> versioned(String version) {
    return version == null ? check(false, "not loaded") : Map.of("status", "UP", "version", version);
  }

  private static void json(RoutingContext ctx, int status, Object body) {
    try {
      ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .end(Buffer.buffer(Json.mapper().writeValueAsBytes(body)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      ctx.fail(e);
    }
  }
}
