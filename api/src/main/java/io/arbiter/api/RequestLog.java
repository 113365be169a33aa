package io.arbiter.api;

import io.arbiter.access.ApiKey;
import io.arbiter.access.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/*
 * Why the route label comes from the route table (Routes) rather than from the path: a label per claim code
 * would make one time series per claim. Every served path has an entry, so the table's template
 * (/v1/claims/:code) is the route; anything else is "unmatched".
 */

/**
 * The first handler of every request: gives it a correlation id ({@code X-Request-Id}, taken from
 * the request when it is a plain token of at most 128 characters, else a new UUID, and echoed in
 * the response), and when the response ends or its connection closes writes one
 * {@code arbiter.request} log line (method, route, path, the status really sent or null when none
 * was, whether the answer was complete, duration, request id, the caller's key id and roles; never
 * the token) and records {@code arbiter_http_server_requests_seconds} by method, route and status
 * ({@value #NOT_ANSWERED} when none was sent). Thread-safe.
 */
public final class RequestLog implements Handler<RoutingContext> {
  static final String HEADER = "X-Request-Id";
  /** Where the request's correlation id is kept in the routing context. */
  static final String ID = "arbiter.requestId";
  private static final Logger LOG = LoggerFactory.getLogger("arbiter.request");
  /** The status label of a request that got no answer (its connection closed first). */
  static final String NOT_ANSWERED = "none";
  private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");
  private static final Duration[] BUCKETS = Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000)
      .map(Duration::ofMillis).toArray(Duration[]::new);

  private final MeterRegistry meters;

  RequestLog(MeterRegistry meters) {
    this.meters = meters;
  }

  /** The correlation id of a request that passed this handler; null on one that did not. */
  static String id(RoutingContext ctx) {
    return ctx.get(ID);
  }

  /**
   * Work for a worker thread that runs with the request's correlation id in the logging context
   * (MDC key {@code requestId}), so that the engine's log lines (a decision) carry it.
   */
  public static <T> Callable<T> correlated(RoutingContext ctx, Callable<T> work) {
    String requestId = id(ctx);
    return () -> {
      try (MDC.MDCCloseable id = MDC.putCloseable("requestId", requestId)) {
        return work.call();
      }
    };
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && VALID_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    ctx.put(ID, id);
    ctx.response().putHeader(HEADER, id);
    ctx.addEndHandler(done -> finished(ctx, id, System.nanoTime() - start));
    ctx.next();
  }

  private void finished(RoutingContext ctx, String id, long nanos) {
    String method = ctx.request().method().name();
    String route = route(ctx);
    // What was really sent: a request whose connection closed before its answer had no status
    // (Vert.x's default of 200 would say it succeeded), and one cut after its head is incomplete.
    Integer status = ctx.response().headWritten() ? ctx.response().getStatusCode() : null;
    boolean complete = ctx.response().ended();
    Timer.builder("arbiter.http.server.requests").description("HTTP requests, by method, route and status")
        .tag("method", method).tag("route", route).tag("status", status == null ? NOT_ANSWERED : String.valueOf(status))
        .serviceLevelObjectives(BUCKETS).register(meters).record(nanos, TimeUnit.NANOSECONDS);
    ApiKey key = ctx.get(Access.KEY);
    LOG.atInfo().setMessage("request")
        .addKeyValue("requestId", id)
        .addKeyValue("method", method)
        .addKeyValue("route", route)
        .addKeyValue("path", ctx.request().path())
        .addKeyValue("status", status)
        .addKeyValue("complete", complete)
        .addKeyValue("durationMs", TimeUnit.NANOSECONDS.toMicros(nanos) / 1000.0)
        .addKeyValue("keyId", key == null ? null : key.id())
        .addKeyValue("roles", key == null ? null : key.roles().stream().map(Role::id).sorted().toList())
        .log();
  }

  private static String route(RoutingContext ctx) {
    try {
      return Access.find(ctx.request().method(), Access.normal(ctx.normalizedPath()))
          .map(Routes.Route::path).orElse("unmatched");
    } catch (IllegalArgumentException e) {
      return "unmatched"; // a path that is not percent-encoded UTF-8
    }
  }
}
