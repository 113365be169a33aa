package io.arbiter.fhir;

import io.arbiter.engine.Arbiter;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Arbiter's FHIR R4 interface, in openIMIS's dialect: {@code POST /Claim} adjudicates a Claim and
 * answers a ClaimResponse; {@code GET /Claim/{id}}, {@code GET /ClaimResponse/{id}} read them back
 * (the id is the claim code); {@code GET /metadata} is the CapabilityStatement. Bodies are
 * {@code application/fhir+json} (or {@code application/json}), answers too: a client that accepts no
 * JSON (by {@code Accept} or {@code _format}) is answered 406; every refusal is an OperationOutcome
 * with a 4xx status. Mount the router under a path such as {@code /fhir/*}.
 * Engine calls and FHIR parsing run on worker threads, never on the event loop.
 */
public final class FhirApi {
  private FhirApi() {}

  /**
   * A router serving the FHIR interface over an engine.
   *
   * @param vertx its worker pool runs the engine calls
   * @param arbiter the same engine the {@code /v1} API serves
   * @param bodyLimit the largest Claim accepted, in bytes (413 beyond)
   */
  public static Router router(Vertx vertx, Arbiter arbiter, long bodyLimit) {
    FhirEndpoints endpoints = new FhirEndpoints(arbiter, bodyLimit);
    Router router = Router.router(vertx);
    router.route().failureHandler(endpoints::failed);
    router.route().handler(endpoints::acceptable);
    router.post("/Claim").handler(endpoints::jsonBody).handler(endpoints::submit);
    router.get("/Claim/:id").handler(endpoints::claim);
    router.get("/ClaimResponse/:id").handler(endpoints::claimResponse);
    router.get("/metadata").handler(endpoints::metadata);
    router.route().handler(endpoints::unknown);
    return router;
  }

  /**
   * Answers a request refused for want of a valid key (401) or of the right role (403) as an
   * OperationOutcome, as FHIR clients expect; headers such as WWW-Authenticate are the caller's.
   */
  public static void refuseAccess(io.vertx.ext.web.RoutingContext ctx, int status, String diagnostics) {
    FhirEndpoints.refuseAccess(ctx, status, diagnostics);
  }
}
