package io.arbiter.api;

import io.arbiter.engine.Arbiter;
import io.arbiter.scoring.onnx.ModelRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;

/**
 * Arbiter's HTTP API (documented in {@code /openapi.yaml}) over an {@link Arbiter}. Every refused
 * request gets an RFC 9457 problem document; engine calls never run on the event loop.
 * Thread-safe.
 */
public final class ArbiterServer {
  /** The worker threads of {@link #startOwn} by default: Vert.x's default pool. */
  public static final int DEFAULT_WORKERS = VertxOptions.DEFAULT_WORKER_POOL_SIZE;

  private final HttpServer http;
  private final HttpServer management;
  private final Handlers handlers;
  private final java.util.List<String> routes;
  /** The Vert.x instance {@link #startOwn} made for this server alone; null when it is the caller's. */
  private volatile Vertx owned;

  private ArbiterServer(HttpServer http, HttpServer management, Handlers handlers, java.util.List<String> routes) {
    this.http = http;
    this.management = management;
    this.handlers = handlers;
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
      Handlers handlers = Handlers.of(vertx, arbiter, models, openApi,
          o.getAudit() != null ? o.getAudit() : new io.arbiter.access.MemoryAuditLog(),
          o.getMeters() != null ? o.getMeters() : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), o);
      java.util.List<String> routes = new java.util.ArrayList<>();
      Router router;
      try {
        router = router(vertx, handlers, o, routes);
      } catch (IllegalStateException e) {
        handlers.close();
        return Future.failedFuture(e);
      }
      return listen(vertx, o, o.getPort(), router).compose(http -> {
        if (o.getManagementPort() == ArbiterServerOptions.NO_MANAGEMENT_PORT) {
          return Future.succeededFuture(new ArbiterServer(http, null, handlers, java.util.List.copyOf(routes)));
        }
        return listen(vertx, o, o.getManagementPort(), managementRouter(vertx, handlers))
            .map(management -> new ArbiterServer(http, management, handlers, java.util.List.copyOf(routes)))
            .onFailure(e -> http.close());
      }).onFailure(e -> handlers.close());
    });
  }

  /**
   * Starts listening on a Vert.x instance of its own, and waits until it listens (for the
   * {@code serve} command).
   *
   * @param workers the worker threads that run the engine calls
   * @param meters where Vert.x's own meters go, beside the server's
   * @return the listening server; {@link #stop} closes it and its Vert.x instance
   * @throws RuntimeException (or, undeclared, a checked exception such as a BindException) when it
   *     cannot listen; the Vert.x instance is then closed
   */
  public static ArbiterServer startOwn(Arbiter arbiter, ModelRegistry models, ArbiterServerOptions options,
      int workers, io.micrometer.core.instrument.MeterRegistry meters) {
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setWorkerPoolSize(workers)
            .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(meters))
        .build();
    try {
      ArbiterServer server = start(vertx, arbiter, models, options).await();
      server.owned = vertx;
      return server;
    } catch (Exception e) {
      // await() rethrows the failure as it is, checked ones (BindException) included.
      vertx.close();
      throw e;
    }
  }

  /**
   * Shuts down as {@link #shutdown} does, waiting for it, then closes the Vert.x instance
   * {@link #startOwn} made; quietly (for a process that is ending).
   */
  public void stop(Duration grace) {
    try {
      shutdown(grace).await(grace.toSeconds() + 1, TimeUnit.SECONDS);
      if (owned != null) {
        owned.close().await(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      // The process is ending anyway; there is nobody left to tell.
    }
  }

  private static Future<HttpServer> listen(Vertx vertx, ArbiterServerOptions o, int port, Router router) {
    return vertx.createHttpServer(new HttpServerOptions().setHost(o.getHost()).setPort(port)
            .setIdleTimeout(o.getIdleTimeoutSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS))
        .requestHandler(router)
        .listen();
  }

  /** The management port's routes: open, and nothing else (no key is checked there). */
  private static Router managementRouter(Vertx vertx, Handlers handlers) {
    Router router = answeringFailures(Router.router(vertx));
    Routes.mount(router, Routes.API, "", handlers,
        route -> route.operationId() != null && Routes.MANAGEMENT.contains(route.operationId()), true);
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
    return closeManagement().eventually(http::close).eventually(handlers::close);
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

  private static Router router(Vertx vertx, Handlers handlers, ArbiterServerOptions options,
      java.util.List<String> described) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestLog(handlers.operations().meters()));
    router.route().handler(WorkBudget.handler(options.getRequestTimeoutMillis()));
    answeringFailures(router);
    // Every request passes the access check first; Routes says which roles each route takes.
    router.route().handler(new Access(vertx, options.getKeys(), options.getKeyCacheMillis()));
    boolean metricsElsewhere = options.getManagementPort() != ArbiterServerOptions.NO_MANAGEMENT_PORT;
    Routes.mount(router, Routes.API, "", handlers,
        route -> !(metricsElsewhere && "metrics".equals(route.operationId()))
            && (handlers.hasModels() || !route.path().startsWith("/v1/models")), true);
    Router fhir = handlers.fhir().router(vertx, handlers);
    router.route(Routes.FHIR_MOUNT + "/*").subRouter(fhir);
    // A route without an entry in the table would be open to any key: refuse to start.
    Access.checkCovered(router.getRoutes(), "", java.util.Set.of(Routes.FHIR_MOUNT + "/*"));
    Access.checkCovered(fhir.getRoutes(), Routes.FHIR_MOUNT, java.util.Set.of());
    described.addAll(Access.describe(router.getRoutes(), ""));
    described.addAll(Access.describe(fhir.getRoutes(), Routes.FHIR_MOUNT));
    return router;
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
