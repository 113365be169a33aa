package io.arbiter.api;

import io.arbiter.engine.Arbiter;
import io.arbiter.fhir.FhirAnswer;
import io.arbiter.fhir.FhirAnswer.Issue;
import io.arbiter.fhir.FhirClaims;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FHIR routes, mounted under {@code /fhir/*}: the HTTP side of {@link FhirClaims} (which maps
 * FHIR R4, openIMIS's dialect). Bodies are {@code application/fhir+json} (or
 * {@code application/json}), answers too: a client that accepts no JSON (by {@code Accept} or
 * {@code _format}) is answered 406; every refusal is an OperationOutcome with a 4xx status.
 * Engine calls and FHIR parsing run on worker threads, never on the event loop.
 */
final class FhirHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(FhirHandlers.class);
  private static final String FHIR_JSON = FhirClaims.FHIR_JSON;
  /** FHIR's query parameter naming the format of the answer; it overrides Accept. */
  private static final String FORMAT = "_format";

  private final FhirClaims fhir;
  private final BodyHandler body;
  private final long limit;

  /**
   * @param arbiter the same engine the {@code /v1} API serves
   * @param bodyLimit the largest Claim accepted, in bytes (413 beyond)
   */
  FhirHandlers(Arbiter arbiter, long bodyLimit) {
    this.fhir = new FhirClaims(arbiter);
    this.limit = bodyLimit;
    this.body = BodyHandler.create(false).setBodyLimit(bodyLimit);
  }

  /** The FHIR router, to mount at {@link Routes#FHIR_MOUNT}: its routes are {@link Routes#FHIR}. */
  Router router(Vertx vertx, Handlers handlers) {
    Router router = Router.router(vertx);
    router.route().failureHandler(this::failed);
    router.route().handler(this::acceptable);
    Routes.mount(router, Routes.FHIR, Routes.FHIR_MOUNT, handlers, route -> true, false);
    router.route().handler(this::unknown);
    return router;
  }

  /**
   * Admits a JSON body (415 otherwise) before reading it within the limit; one handler, because
   * Vert.x refuses a user handler before a BodyHandler on a route.
   */
  void jsonBody(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > limit) {
      refuse(ctx, FhirAnswer.refusal(413, Issue.TOO_LONG, "the body is larger than the limit of " + limit + " bytes"));
    } else if (base.equals(FHIR_JSON) || base.equals("application/json")) {
      body.handle(ctx);
    } else {
      refuse(ctx, FhirAnswer.refusal(415, Issue.NOT_SUPPORTED, "the body must be " + FHIR_JSON
          + " or application/json, " + (type == null ? "it has no Content-Type header" : "was " + type)));
    }
  }

  /**
   * Refuses, before any work, a request whose query string cannot be decoded (400) or whose client
   * accepts no JSON (406).
   */
  void acceptable(RoutingContext ctx) {
    try {
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      refuse(ctx, FhirAnswer.refusal(400, Issue.INVALID, "the query string is not percent-encoded UTF-8"));
      return;
    }
    if (mediaType(ctx) != null) {
      ctx.next();
      return;
    }
    String format = ctx.request().getParam(FORMAT);
    refuse(ctx, FhirAnswer.refusal(406, Issue.NOT_SUPPORTED, "this server answers FHIR in JSON only ("
        + FHIR_JSON + " or application/json); the request asked for " + (format != null ? "_format=" + format
        : ctx.request().getHeader(HttpHeaders.ACCEPT))));
  }

  void submit(RoutingContext ctx) {
    byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    onWorker(ctx, () -> fhir.submit(bytes));
  }

  void claim(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    onWorker(ctx, () -> fhir.claim(id));
  }

  void claimResponse(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    onWorker(ctx, () -> fhir.claimResponse(id));
  }

  void metadata(RoutingContext ctx) {
    onWorker(ctx, fhir::metadata);
  }

  /** Any other path or method under the mount point. */
  void unknown(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    boolean known = path.endsWith("/Claim") || path.endsWith("/metadata") || path.matches(".*/(Claim|ClaimResponse)/[^/]+");
    if (known) {
      ctx.response().putHeader(HttpHeaders.ALLOW, path.endsWith("/Claim") ? HttpMethod.POST.name() : HttpMethod.GET.name());
      refuse(ctx, FhirAnswer.refusal(405, Issue.NOT_SUPPORTED, ctx.request().method() + " is not allowed on " + path));
    } else {
      refuse(ctx, FhirAnswer.refusal(404, Issue.NOT_FOUND, "there is no FHIR resource at " + path
          + "; this server has Claim, ClaimResponse and metadata"));
    }
  }

  /** The failure handler of the FHIR routes (a body handler's own refusals reach it). */
  void failed(RoutingContext ctx) {
    failed(ctx, ctx.failure());
  }

  /*
   * Why failures are answered here rather than through ctx.fail(): the enclosing router's failure
   * handler (problem documents) is registered before this router is mounted, and Vert.x offers a
   * failure to it first.
   */

  /** Answers a failure as an OperationOutcome: the client's with its 4xx; a fault of the server 500, logged. */
  private static void failed(RoutingContext ctx, Throwable failure) {
    FhirAnswer refusal = FhirAnswer.refusal(failure);
    if (refusal == null) {
      refusal = ofStatus(ctx, failure);
    }
    refuse(ctx, refusal);
  }

  private static FhirAnswer ofStatus(RoutingContext ctx, Throwable failure) {
    if (failure instanceof HttpException h && h.getStatusCode() == 503) {
      return FhirAnswer.refusal(503, Issue.TRANSIENT, h.getPayload());
    } else if (failure instanceof HttpException h && h.getStatusCode() >= 400 && h.getStatusCode() < 500) {
      return FhirAnswer.refusal(h.getStatusCode(), h.getStatusCode() == 413 ? Issue.TOO_LONG : Issue.INVALID,
          h.getStatusCode() == 413 ? "the body is larger than the limit" : String.valueOf(h.getPayload()));
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      return FhirAnswer.refusal(ctx.statusCode(), ctx.statusCode() == 413 ? Issue.TOO_LONG : Issue.INVALID,
          ctx.statusCode() == 413 ? "the body is larger than the limit" : "the request was refused");
    }
    LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    return FhirAnswer.refusal(500, Issue.EXCEPTION, "internal error");
  }

  /**
   * Answers a request refused for want of a valid key (401, issue login) or of the right role (403,
   * forbidden) as an OperationOutcome, as FHIR clients expect; headers such as WWW-Authenticate are
   * the caller's.
   */
  static void refuseAccess(RoutingContext ctx, int status, String diagnostics) {
    refuse(ctx, FhirAnswer.refusal(status, status == 401 ? Issue.LOGIN : Issue.FORBIDDEN, diagnostics));
  }

  private static void refuse(RoutingContext ctx, FhirAnswer refusal) {
    if (!ctx.response().headWritten() && !ctx.response().closed()) {
      send(ctx, refusal.status(), refusal.json());
    }
  }

  private static void onWorker(RoutingContext ctx, Callable<FhirAnswer> work) {
    WorkBudget.onWorker(ctx, work).onComplete(done -> {
      if (done.failed()) {
        failed(ctx, done.cause());
        return;
      }
      FhirAnswer reply = done.result();
      if (reply.location() != null) {
        ctx.response().putHeader(HttpHeaders.LOCATION, reply.location());
      }
      send(ctx, reply.status(), reply.json());
    });
  }

  /** Sends JSON; as FHIR's own type when the client accepts no JSON at all (a 406 says why). */
  private static void send(RoutingContext ctx, int status, String json) {
    String type = mediaType(ctx);
    ctx.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, (type == null ? FHIR_JSON : type) + ";charset=utf-8").end(json);
  }

  /** The answer's media type, or null for 406; a query string that cannot be decoded names no format. */
  private static String mediaType(RoutingContext ctx) {
    String format;
    try {
      format = ctx.request().getParam(FORMAT);
    } catch (IllegalArgumentException e) {
      format = null;
    }
    return FhirClaims.mediaType(ctx.request().getHeader(HttpHeaders.ACCEPT), format);
  }
}
