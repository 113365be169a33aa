package io.arbiter.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.util.Locale;

/*
 * Why one handler wraps the BodyHandler: Vert.x refuses a user handler before a BodyHandler on a
 * route, and the media type must be checked before a body of up to 64 MiB is read.
 */

/** Admits a request body only if it is JSON (415 otherwise) and within a size limit (413), then reads it. */
final class JsonBody implements Handler<RoutingContext> {
  /** Context key under which the limit is kept for the 413 problem's detail. */
  static final String LIMIT = "io.arbiter.api.bodyLimit";

  private final long limit;
  private final long timeoutMillis;
  private final BodyHandler body;

  /**
   * @param limit largest body in bytes (413 beyond)
   * @param timeoutMillis how long the whole body may take to arrive (408 beyond, and the
   *     connection is closed)
   */
  JsonBody(long limit, long timeoutMillis) {
    this.limit = limit;
    this.timeoutMillis = timeoutMillis;
    this.body = BodyHandler.create(false).setBodyLimit(limit);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (!isJson(contentType)) {
      ctx.fail(new HttpException(415, contentType == null
          ? "the body needs a Content-Type header: application/json"
          : "the body must be application/json or application/*+json, was " + contentType));
      return;
    }
    ctx.put(LIMIT, limit);
    // A client trickling a byte now and then never trips the idle timeout; this bounds the whole
    // upload. Once the body is in, the timer does nothing: slow processing is not the client's fault.
    long timer = ctx.vertx().setTimer(timeoutMillis, t -> {
      if (!ctx.request().isEnded() && !ctx.response().headWritten()) {
        Failures.sendAndClose(ctx, ProblemDetails.ofStatus(408,
            "the body did not arrive within " + timeoutMillis + " ms"));
      }
    });
    ctx.addEndHandler(v -> ctx.vertx().cancelTimer(timer));
    body.handle(ctx);
  }

  /** application/json or any application/*+json, whatever the parameters (charset…). */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }
}
