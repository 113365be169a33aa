package io.arbiter.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.json.Json;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's failure and error handler: answers every failure, and every request no route
 * matched, with a problem document. Only a fault of the server gives 5xx, and it is logged.
 */
final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger(ArbiterServer.class);

  private Failures() {}

  /** The failure handler of every route. */
  static void handle(RoutingContext ctx) {
    respond(ctx, problem(ctx));
  }

  /**
   * The router's error handler for a status: no route matched (404, 405), or Vert.x refused the
   * request while routing, e.g. a URI that is not percent-encoded UTF-8 (400), in which case the
   * context carries neither the failure nor the status.
   */
  static Handler<RoutingContext> errorHandler(int status) {
    return ctx -> respond(ctx, ctx.failed() ? problem(ctx) : ProblemDetails.ofStatus(status, detail(ctx, status)));
  }

  /** The 405 handler: RFC 9110 wants an Allow header listing the methods the path does take. */
  static Handler<RoutingContext> methodNotAllowed(Router router) {
    return ctx -> {
      String[] path = ctx.normalizedPath().split("/", -1);
      String allowed = router.getRoutes().stream()
          .filter(route -> route.getPath() != null && matches(route.getPath().split("/", -1), path))
          .flatMap(route -> route.methods().stream())
          .map(HttpMethod::name)
          .distinct()
          .sorted()
          .collect(Collectors.joining(", "));
      ctx.response().putHeader(HttpHeaders.ALLOW, allowed);
      errorHandler(405).handle(ctx);
    };
  }

  /** Whether a route's path template ({@code /v1/claims/:code}) matches a path, segment by segment. */
  private static boolean matches(String[] template, String[] path) {
    if (template.length != path.length) {
      return false;
    }
    for (int i = 0; i < template.length; i++) {
      if (!template[i].startsWith(":") && !template[i].equals(path[i])) {
        return false;
      }
    }
    return true;
  }

  private static ProblemDetails problem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure != null && !(failure instanceof HttpException)) {
      ProblemDetails problem = ProblemDetails.of(failure);
      // Vert.x itself fails some requests with a 4xx and a plain exception (HTTP/1.1 without Host).
      boolean vertxClientError = problem.status() == 500 && ctx.statusCode() >= 400 && ctx.statusCode() < 500;
      return vertxClientError ? ProblemDetails.ofStatus(ctx.statusCode(), detail(ctx, ctx.statusCode())) : problem;
    }
    int status = failure instanceof HttpException h ? h.getStatusCode() : ctx.statusCode();
    if (status < 400 || status > 599) {
      return ProblemDetails.internalError();
    }
    String payload = failure instanceof HttpException h ? h.getPayload() : null;
    return ProblemDetails.ofStatus(status, payload != null ? payload : detail(ctx, status));
  }

  private static String detail(RoutingContext ctx, int status) {
    HttpServerRequest request = ctx.request();
    return switch (status) {
      case 400 -> ctx.failure() != null && ctx.failure().getMessage() != null ? ctx.failure().getMessage()
          : "the request URI is malformed (is it percent-encoded UTF-8?)";
      case 404 -> "there is no resource at " + request.path();
      case 405 -> request.method() + " is not allowed on " + request.path();
      case 413 -> "the body is larger than the limit of " + ctx.get(JsonBody.LIMIT) + " bytes";
      case 500 -> ProblemDetails.internalError().detail();
      default -> HttpResponseStatus.valueOf(status).reasonPhrase();
    };
  }

  private static void respond(RoutingContext ctx, ProblemDetails problem) {
    if (problem.status() == 503) {
      LOG.warn("{} {} answered 503: {}", ctx.request().method(), ctx.request().path(), problem.detail(),
          ctx.failure() instanceof HttpException ? null : ctx.failure());
    } else if (problem.status() >= 500) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
    }
    send(ctx, problem.at(ctx.request().path()));
  }

  /** Seconds a client is told to wait (Retry-After) when the database is unavailable. */
  static final int RETRY_AFTER_SECONDS = 5;

  /**
   * Answers with a problem and then closes the connection, for a client that is still sending
   * (a body that does not arrive in time): the rest of its body is not worth reading.
   */
  static void sendAndClose(RoutingContext ctx, ProblemDetails problem) {
    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    send(ctx, problem.at(ctx.request().path()));
    ctx.request().connection().close();
  }

  private static void send(RoutingContext ctx, ProblemDetails problem) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten() || response.closed()) {
      return;
    }
    byte[] body;
    try {
      body = Json.mapper().writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem document is always writable", e);
    }
    if (problem.status() == 503) {
      response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
    }
    response.setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetails.MEDIA_TYPE)
        .end(Buffer.buffer(body));
  }
}
