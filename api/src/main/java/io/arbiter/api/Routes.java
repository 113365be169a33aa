package io.arbiter.api;

import static io.arbiter.access.Role.ADMIN;
import static io.arbiter.access.Role.BACKEND;
import static io.arbiter.access.Role.MODELER;
import static io.arbiter.access.Role.REVIEWER;

import io.arbiter.access.Role;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/*
 * Why one table: the router (mount), the role check (Access) and the API document's test
 * (RoutesOpenApiTest: every route here is an operation of openapi.yaml with the same method, path
 * and operationId, and every operation there a route here) all read it, so a route is written
 * once. A route added to the router without an entry here is caught when the server starts
 * (Access.checkCovered), rather than silently open.
 */

/**
 * The server's routes: for each, its method, path, the roles that may call it, what reads its body,
 * its handler and its OpenAPI operation id.
 */
final class Routes {
  private Routes() {}

  /** What reads a route's body before its handler. */
  enum Body {
    NONE, JSON, SCHEME, MODEL, CSV, FHIR;

    Handler<RoutingContext> handler(Handlers h) {
      return switch (this) {
        case NONE -> null;
        case JSON -> h.bodies().json();
        case SCHEME -> h.bodies().scheme();
        case MODEL -> h.bodies().model();
        case CSV -> h.bodies().csv();
        case FHIR -> h.fhir()::jsonBody;
      };
    }
  }

  /**
   * One route.
   *
   * @param method the HTTP method
   * @param path the path as Vert.x writes it ({@code /v1/claims/:code}; {@code /review/*} for
   *     everything under {@code /review/})
   * @param roles who may call it; empty for everyone, without a key
   * @param operationId its operation in openapi.yaml; null for a route the document does not
   *     describe (the reviewer page's files) or names no id for (the FHIR routes)
   * @param body what reads its body
   * @param handler its handler, among the server's
   */
  record Route(HttpMethod method, String path, Set<Role> roles, String operationId, Body body,
      Function<Handlers, Handler<RoutingContext>> handler) {
    boolean open() {
      return roles.isEmpty();
    }

    /**
     * Whether the path has a colon inside a segment ({@code /v1/insurees:import}): Vert.x would read
     * it as a parameter, so the route is an exact regular expression, for any method (its handler
     * answers 405 to another).
     */
    boolean literal() {
      return Pattern.compile("[^/]:").matcher(path).find();
    }
  }

  private static Route route(HttpMethod method, String path, String operationId, Body body,
      Function<Handlers, Handler<RoutingContext>> handler, Role... roles) {
    return new Route(method, path, Set.of(roles), operationId, body, handler);
  }

  private static final HttpMethod GET = HttpMethod.GET;
  private static final HttpMethod POST = HttpMethod.POST;
  private static final Body NONE = Body.NONE;
  private static final Body JSON = Body.JSON;

  /** The routes at the root. Admin implies no other role (see {@link Role}). */
  static final List<Route> API = List.of(
      route(GET, "/health", "health", NONE, h -> h.operations()::health),
      route(GET, "/health/live", "live", NONE, h -> h.operations()::live),
      route(GET, "/health/ready", "ready", NONE, h -> h.operations()::ready),
      // Open only on the management port (--management-port), which serves no other route.
      route(GET, "/metrics", "metrics", NONE, h -> h.operations()::metrics, ADMIN),
      route(GET, "/openapi.yaml", "openApi", NONE, h -> h.operations()::openApi),
      route(GET, "/review", null, NONE, h -> ReviewPage::redirect),
      route(GET, "/review/*", null, NONE, h -> h.page()),
      route(GET, "/v1/scheme", "getScheme", NONE, h -> h.scheme()::scheme, BACKEND, ADMIN),
      route(HttpMethod.PUT, "/v1/scheme", "replaceScheme", Body.SCHEME, h -> h.scheme()::replaceScheme, ADMIN),
      route(POST, "/v1/claims", "submitClaim", JSON, h -> h.claims()::submit, BACKEND),
      route(POST, "/v1/claims:batch", "submitClaimBatch", NONE, h -> h.claims()::batch, BACKEND),
      // The reviewer page shows a claim it reviews.
      route(GET, "/v1/claims/:code", "getClaim", NONE, h -> h.claims()::claim, BACKEND, REVIEWER),
      route(POST, "/v1/claims/:code/review", "reviewClaim", JSON, h -> h.reviews()::review, REVIEWER),
      route(POST, "/v1/claims/:code/process", "processClaim", NONE, h -> h.claims()::process, BACKEND),
      route(GET, "/v1/insurees/:chfId/balance", "getBalance", NONE, h -> h.claims()::balance, BACKEND),
      route(POST, "/v1/review-selection", "selectForReview", JSON, h -> h.reviews()::selectForReview, REVIEWER),
      route(GET, "/v1/review-queue", "getReviewQueue", NONE, h -> h.reviews()::reviewQueue, REVIEWER),
      route(POST, "/v1/sampling-batches", "createSamplingBatch", JSON, h -> h.sampling()::createSamplingBatch,
          REVIEWER),
      route(GET, "/v1/sampling-batches", "listSamplingBatches", NONE, h -> h.sampling()::samplingBatches, REVIEWER),
      route(GET, "/v1/sampling-batches/:id", "getSamplingBatch", NONE, h -> h.sampling()::samplingBatch, REVIEWER),
      route(GET, "/v1/sampling-batches/:id/claims", "getSamplingBatchClaims", NONE,
          h -> h.sampling()::samplingBatchClaims, REVIEWER),
      route(POST, "/v1/sampling-batches/:id/extrapolate", "extrapolateSamplingBatch", NONE,
          h -> h.sampling()::extrapolate, REVIEWER),
      route(GET, "/v1/sampling-batches/:id/report", "samplingReport", NONE, h -> h.sampling()::samplingReport,
          REVIEWER),
      route(POST, "/v1/insurees:import", "importPopulation", NONE, h -> h.imports()::importPopulation, ADMIN),
      route(POST, "/v1/openimis-imports", "startOpenImisImport", JSON, h -> h.openImis()::start, ADMIN),
      route(GET, "/v1/openimis-imports/:id", "getOpenImisImport", NONE, h -> h.openImis()::job, ADMIN),
      route(POST, "/v1/vouchers:import", "importVouchers", Body.CSV, h -> h.imports()::importVouchers, ADMIN),
      // Reads only the folder the server was started with (DRL runs arbitrary Java).
      route(POST, "/v1/rules:reload", "reloadRules", NONE, h -> h.scheme()::reloadRules, ADMIN),
      route(GET, "/v1/audit", "getAudit", NONE, h -> h.audit()::audit, ADMIN),
      route(GET, "/v1/models", "listModels", NONE, h -> h.models()::models, MODELER),
      route(POST, "/v1/models", "uploadModel", Body.MODEL, h -> h.models()::uploadModel, MODELER),
      route(GET, "/v1/models/active/drift", "drift", NONE, h -> h.models()::drift, MODELER),
      route(HttpMethod.DELETE, "/v1/models/shadow", "stopShadow", NONE, h -> h.models()::clearShadow, MODELER),
      route(POST, "/v1/models/:id/activate", "activateModel", NONE, h -> h.models()::activate, MODELER),
      route(POST, "/v1/models/:id/shadow", "shadowModel", NONE, h -> h.models()::shadow, MODELER));

  /** Where the FHIR routes are mounted; their refusals are OperationOutcomes, not problem documents. */
  static final String FHIR_MOUNT = "/fhir";

  /** The FHIR R4 routes (openIMIS's dialect), under {@link #FHIR_MOUNT}. */
  static final List<Route> FHIR = List.of(
      route(POST, "/fhir/Claim", null, Body.FHIR, h -> h.fhir()::submit, BACKEND),
      route(GET, "/fhir/Claim/:id", null, NONE, h -> h.fhir()::claim, BACKEND),
      route(GET, "/fhir/ClaimResponse/:id", null, NONE, h -> h.fhir()::claimResponse, BACKEND),
      route(GET, "/fhir/metadata", null, NONE, h -> h.fhir()::metadata, BACKEND));

  /** Every route. */
  static final List<Route> ALL = Stream.concat(API.stream(), FHIR.stream()).toList();

  /** The routes of the management port (where no key is checked). */
  static final Set<String> MANAGEMENT = Set.of("health", "live", "ready", "metrics");

  /**
   * Mounts routes of the table on a router: each route's path relative to {@code prefix}, its path
   * identifiers checked first when {@code checkIdentifiers} (see {@link Requests#pathIdentifiers}),
   * then its body read, then its handler.
   *
   * @param served which of the routes this router serves
   */
  static void mount(Router router, List<Route> routes, String prefix, Handlers handlers, Predicate<Route> served,
      boolean checkIdentifiers) {
    for (Route r : routes) {
      if (!served.test(r)) {
        continue;
      }
      String path = r.path().substring(prefix.length());
      io.vertx.ext.web.Route route = r.literal() ? router.routeWithRegex(Pattern.quote(path))
          : path.endsWith("/*") ? router.route(path) : router.route(r.method(), path);
      if (checkIdentifiers && path.contains("/:")) {
        route.handler(Requests::pathIdentifiers);
      }
      Handler<RoutingContext> body = r.body().handler(handlers);
      if (body != null) {
        route.handler(body);
      }
      route.handler(r.handler().apply(handlers));
    }
  }
}
