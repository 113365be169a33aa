package io.arbiter.api;

import io.arbiter.engine.Arbiter;
import io.arbiter.scoring.ModelRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
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
  private final Endpoints endpoints;

  private ArbiterServer(HttpServer http, Endpoints endpoints) {
    this.http = http;
    this.endpoints = endpoints;
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
      Endpoints endpoints = new Endpoints(vertx, arbiter, models, openApi);
      return vertx.createHttpServer(new HttpServerOptions().setHost(o.getHost()).setPort(o.getPort()))
          .requestHandler(router(vertx, endpoints, o))
          .listen()
          .map(http -> new ArbiterServer(http, endpoints))
          .onFailure(e -> endpoints.close());
    });
  }

  /** The port listened on (the one picked when the options said 0). */
  public int port() {
    return http.actualPort();
  }

  /** Stops listening; requests in progress are cut. */
  public Future<Void> close() {
    return http.close().eventually(endpoints::close);
  }

  /**
   * Stops accepting connections and lets the requests in progress finish (their answers are sent)
   * for up to {@code timeout}, then closes.
   */
  public Future<Void> shutdown(Duration timeout) {
    return http.shutdown(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Router router(Vertx vertx, Endpoints endpoints, ArbiterServerOptions options) {
    JsonBody body = new JsonBody(options.getBodyLimit());
    Router router = Router.router(vertx);
    router.route().failureHandler(Failures::handle);
    // Requests no route matched, and requests Vert.x refuses while routing (a path that is not UTF-8).
    for (int status : new int[] {400, 404}) {
      router.errorHandler(status, Failures.errorHandler(status));
    }
    router.errorHandler(405, Failures.methodNotAllowed(router));
    router.get("/health").handler(endpoints::health);
    router.get("/openapi.yaml").handler(endpoints::openApi);
    router.get("/v1/scheme").handler(endpoints::scheme);
    router.put("/v1/scheme").handler(new JsonBody(options.getSchemeBodyLimit())).handler(endpoints::replaceScheme);
    router.post("/v1/claims").handler(body).handler(endpoints::submit);
    router.get("/v1/claims/:code").handler(endpoints::claim);
    router.post("/v1/claims/:code/review").handler(body).handler(endpoints::review);
    router.post("/v1/claims/:code/process").handler(endpoints::process);
    router.get("/v1/insurees/:chfId/balance").handler(endpoints::balance);
    // A colon in a path template starts a parameter anywhere in it ("/v1/insurees:import" would
    // match /v1/insureesX with import=X), so this path is an exact regular expression.
    router.routeWithRegex(Pattern.quote("/v1/insurees:import")).handler(endpoints::importPopulation);
    router.routeWithRegex(Pattern.quote("/v1/vouchers:import"))
        .handler(BodyHandler.create().setBodyLimit(options.getSchemeBodyLimit())).handler(endpoints::importVouchers);
    if (endpoints.hasModels()) {
      router.get("/v1/models").handler(endpoints::models);
      router.post("/v1/models").handler(new JsonBody(options.getModelBodyLimit())).handler(endpoints::uploadModel);
      router.get("/v1/models/active/drift").handler(endpoints::drift);
      router.delete("/v1/models/shadow").handler(endpoints::clearShadow);
      router.post("/v1/models/:id/activate").handler(endpoints::activate);
      router.post("/v1/models/:id/shadow").handler(endpoints::shadow);
    }
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
