package io.arbiter.api;

import io.arbiter.engine.Arbiter;
import io.arbiter.fhir.FhirApi;
import io.arbiter.scoring.onnx.ModelRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * Arbiter's HTTP API (documented in {@code /openapi.yaml}) over an {@link Arbiter}. Every refused
 * request gets an RFC 9457 problem document; engine calls never run on the event loop.
 * Thread-safe.
 */
public final class ArbiterServer {
  private final HttpServer http;
  private final HttpServer management;
  private final Endpoints endpoints;
  private final java.util.List<String> routes;

  private ArbiterServer(HttpServer http, HttpServer management, Endpoints endpoints, java.util.List<String> routes) {
    this.http = http;
    this.management = management;
    this.endpoints = endpoints;
    this.routes = routes;
  }

  /** Every route served, as {@code METHOD path} (for the role matrix test). */
  java.util.List<String> routes() {
    return routes;
  }

  /**
   * Starts listening.
   *
   * @param vertx runs the server; its worker pool runs the engine calls
   * @param arbiter the engine the API serves
   * @param options copied, so later changes have no effect
   * @return the listening server, or a failure such as a port in use
   */
  public static Future<ArbiterServer> start(Vertx vertx, Arbiter arbiter, ArbiterServerOptions options) {
    return start(vertx, arbiter, null, options);
  }

  /**
   * Starts listening, with the {@code /v1/models} routes over a model registry.
   *
   * @param models the registry the Arbiter scores with (it should be the Arbiter's scorer); null
   *     leaves the model routes out (they answer 404)
   * @see #start(Vertx, Arbiter, ArbiterServerOptions)
   */
  public static Future<ArbiterServer> start(Vertx vertx, Arbiter arbiter, ModelRegistry models,
      ArbiterServerOptions options) {
    ArbiterServerOptions o = new ArbiterServerOptions(options);
    return vertx.executeBlocking(ArbiterServer::openApi, false).compose(openApi -> {
      Endpoints endpoints = new Endpoints(vertx, arbiter, models, openApi,
          o.getAudit() != null ? o.getAudit() : new io.arbiter.access.MemoryAuditLog(), o.getRulesFolder());
      Operations operations = new Operations(vertx, arbiter, models, o.getMeters() != null ? o.getMeters()
          : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      java.util.List<String> routes = new java.util.ArrayList<>();
      Router router;
      try {
        router = router(vertx, endpoints, operations, o, routes);
      } catch (IllegalStateException e) {
        endpoints.close();
        return Future.failedFuture(e);
      }
      return listen(vertx, o, o.getPort(), router).compose(http -> {
        if (o.getManagementPort() == ArbiterServerOptions.NO_MANAGEMENT_PORT) {
          return Future.succeededFuture(new ArbiterServer(http, null, endpoints, java.util.List.copyOf(routes)));
        }
        return listen(vertx, o, o.getManagementPort(), managementRouter(vertx, endpoints, operations))
            .map(management -> new ArbiterServer(http, management, endpoints, java.util.List.copyOf(routes)))
            .onFailure(e -> http.close());
      }).onFailure(e -> endpoints.close());
    });
  }

  private static Future<HttpServer> listen(Vertx vertx, ArbiterServerOptions o, int port, Router router) {
    return vertx.createHttpServer(new HttpServerOptions().setHost(o.getHost()).setPort(port)
            .setIdleTimeout(o.getIdleTimeoutSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS))
        .requestHandler(router)
        .listen();
  }

  /** The management port's routes: open, and nothing else (no key is checked there). */
  private static Router managementRouter(Vertx vertx, Endpoints endpoints, Operations operations) {
    Router router = answeringFailures(Router.router(vertx));
    router.get("/health").handler(endpoints::health);
    router.get("/health/live").handler(operations::live);
    router.get("/health/ready").handler(operations::ready);
    router.get("/metrics").handler(operations::metrics);
    return router;
  }

  /** Failures, requests no route matched and requests Vert.x refuses while routing: problem documents. */
  private static Router answeringFailures(Router router) {
    router.route().failureHandler(Failures::handle);
    for (int status : new int[] {400, 404}) {
      router.errorHandler(status, Failures.errorHandler(status));
    }
    router.errorHandler(405, Failures.methodNotAllowed(router));
    return router;
  }

  /** The port listened on (the one picked when the options said 0). */
  public int port() {
    return http.actualPort();
  }

  /** The management port (see {@link ArbiterServerOptions#setManagementPort}); -1 when there is none. */
  public int managementPort() {
    return management == null ? ArbiterServerOptions.NO_MANAGEMENT_PORT : management.actualPort();
  }

  /** Stops listening; requests in progress are cut. */
  public Future<Void> close() {
    return closeManagement().eventually(http::close).eventually(endpoints::close);
  }

  private Future<Void> closeManagement() {
    return management == null ? Future.succeededFuture() : management.close();
  }

  /**
   * Stops accepting connections and lets the requests in progress finish (their answers are sent)
   * for up to {@code timeout}, then closes.
   */
  public Future<Void> shutdown(Duration timeout) {
    return closeManagement().eventually(() -> http.shutdown(timeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  private static Router router(Vertx vertx, Endpoints endpoints, Operations operations, ArbiterServerOptions options,
      java.util.List<String> described) {
    JsonBody body = new JsonBody(options.getBodyLimit(), options.getBodyTimeoutMillis());
    Router router = Router.router(vertx);
    router.route().handler(new RequestLog(operations.meters()));
    router.route().handler(WorkBudget.handler(options.getRequestTimeoutMillis()));
    answeringFailures(router);
    // Every request passes the access check first; Access.RULES says which roles each route takes.
    router.route().handler(new Access(vertx, options.getKeys(), options.getKeyCacheMillis()));
    router.get("/health").handler(endpoints::health);
    router.get("/health/live").handler(operations::live);
    router.get("/health/ready").handler(operations::ready);
    if (options.getManagementPort() == ArbiterServerOptions.NO_MANAGEMENT_PORT) {
      router.get("/metrics").handler(operations::metrics);
    }
    router.get("/openapi.yaml").handler(endpoints::openApi);
    router.get("/v1/scheme").handler(endpoints::scheme);
    router.put("/v1/scheme").handler(new JsonBody(options.getSchemeBodyLimit(), options.getBodyTimeoutMillis())).handler(endpoints::replaceScheme);
    router.post("/v1/claims").handler(body).handler(endpoints::submit);
    router.get("/v1/claims/:code").handler(Endpoints::pathIdentifiers).handler(endpoints::claim);
    router.post("/v1/claims/:code/review").handler(Endpoints::pathIdentifiers).handler(body).handler(endpoints::review);
    router.post("/v1/claims/:code/process").handler(Endpoints::pathIdentifiers).handler(endpoints::process);
    router.get("/v1/insurees/:chfId/balance").handler(Endpoints::pathIdentifiers).handler(endpoints::balance);
    router.post("/v1/review-selection").handler(body).handler(endpoints::selectForReview);
    router.post("/v1/sampling-batches").handler(body).handler(endpoints::createSamplingBatch);
    router.get("/v1/sampling-batches").handler(endpoints::samplingBatches);
    router.get("/v1/sampling-batches/:id").handler(Endpoints::pathIdentifiers).handler(endpoints::samplingBatch);
    router.get("/v1/sampling-batches/:id/claims").handler(Endpoints::pathIdentifiers).handler(endpoints::samplingBatchClaims);
    router.post("/v1/sampling-batches/:id/extrapolate").handler(Endpoints::pathIdentifiers).handler(endpoints::extrapolate);
    router.get("/v1/sampling-batches/:id/report").handler(Endpoints::pathIdentifiers).handler(endpoints::samplingReport);
    router.get("/v1/review-queue").handler(endpoints::reviewQueue);
    router.get("/v1/audit").handler(endpoints::audit);
    // The reviewer page: static files that hold no data (they fetch it with the reviewer's token),
    // under a CSP that allows no inline script or style and no other origin.
    // Vert.x matches "/review" for "/review/" too; only the bare path is redirected.
    router.get("/review").handler(ctx -> {
      if (ctx.request().path().equals("/review")) {
        ctx.redirect("/review/");
      } else {
        ctx.next();
      }
    });
    router.route("/review/*").handler(ArbiterServer::pageHeaders)
        .handler(StaticHandler.create("review").setDefaultContentEncoding("UTF-8").setCachingEnabled(false));
    // A colon in a path template starts a parameter anywhere in it ("/v1/insurees:import" would
    // match /v1/insureesX with import=X), so this path is an exact regular expression.
    router.routeWithRegex(Pattern.quote("/v1/insurees:import")).handler(endpoints::importPopulation);
    router.routeWithRegex(Pattern.quote("/v1/claims:batch"))
        .handler(ctx -> endpoints.batch(ctx, (int) Math.min(Integer.MAX_VALUE - 8, options.getBodyLimit())));
    // FHIR R4 (openIMIS's dialect); its refusals are OperationOutcomes, not problem documents.
    Router fhir = FhirApi.router(vertx, endpoints.arbiter(), options.getBodyLimit());
    router.route("/fhir/*").subRouter(fhir);
    // Rules hot reload: reads only the folder the server was started with (DRL runs arbitrary Java).
    router.routeWithRegex(Pattern.quote("/v1/rules:reload")).handler(endpoints::reloadRules);
    router.routeWithRegex(Pattern.quote("/v1/vouchers:import"))
        .handler(BodyHandler.create().setBodyLimit(options.getSchemeBodyLimit())).handler(endpoints::importVouchers);
    if (endpoints.hasModels()) {
      router.get("/v1/models").handler(endpoints::models);
      router.post("/v1/models").handler(new JsonBody(options.getModelBodyLimit(), options.getBodyTimeoutMillis())).handler(endpoints::uploadModel);
      router.get("/v1/models/active/drift").handler(endpoints::drift);
      router.delete("/v1/models/shadow").handler(endpoints::clearShadow);
      router.post("/v1/models/:id/activate").handler(Endpoints::pathIdentifiers).handler(endpoints::activate);
      router.post("/v1/models/:id/shadow").handler(Endpoints::pathIdentifiers).handler(endpoints::shadow);
    }
    // A route without an entry in the role table would be open to any key: refuse to start.
    Access.checkCovered(router.getRoutes(), "", java.util.Set.of("/fhir/*"));
    Access.checkCovered(fhir.getRoutes(), "/fhir", java.util.Set.of());
    described.addAll(Access.describe(router.getRoutes(), ""));
    described.addAll(Access.describe(fhir.getRoutes(), "/fhir"));
    return router;
  }

  /** What a browser is told about the reviewer page: where it may load from, and not to sniff or frame it. */
  static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
      + " connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

  private static void pageHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", PAGE_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    ctx.next();
  }

  private static Buffer openApi() throws IOException {
    try (InputStream in = ArbiterServer.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is missing from the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    }
  }
}
