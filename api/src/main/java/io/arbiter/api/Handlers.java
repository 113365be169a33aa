package io.arbiter.api;

import io.arbiter.access.AuditLog;
import io.arbiter.engine.Arbiter;
import io.arbiter.scoring.onnx.ModelRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The server's route handlers, one object per resource, that {@link Routes} points into; built
 * once per server from its options.
 *
 * @param models null when the server has no model registry (the model routes are then not served)
 */
record Handlers(Operations operations, ClaimHandlers claims, ReviewHandlers reviews, SamplingHandlers sampling,
    ImportHandlers imports, OpenImisHandlers openImis, SchemeHandlers scheme, ModelHandlers models, AuditHandlers audit, FhirHandlers fhir,
    ReviewPage page, Bodies bodies) {

  /** The body readers: JSON within the body limit, a scheme's or a model's larger one, CSV. */
  record Bodies(Handler<RoutingContext> json, Handler<RoutingContext> scheme, Handler<RoutingContext> model,
      Handler<RoutingContext> csv) {}

  static Handlers of(Vertx vertx, Arbiter arbiter, ModelRegistry models, Buffer openApi, AuditLog audit,
      PrometheusMeterRegistry meters, ArbiterServerOptions o) {
    Bodies bodies = new Bodies(new JsonBody(o.getBodyLimit(), o.getBodyTimeoutMillis()),
        new JsonBody(o.getSchemeBodyLimit(), o.getBodyTimeoutMillis()),
        new JsonBody(o.getModelBodyLimit(), o.getBodyTimeoutMillis()),
        BodyHandler.create().setBodyLimit(o.getSchemeBodyLimit()));
    return new Handlers(new Operations(vertx, arbiter, models, meters, openApi),
        new ClaimHandlers(vertx, arbiter, (int) Math.min(Integer.MAX_VALUE - 8, o.getBodyLimit())),
        new ReviewHandlers(arbiter, audit), new SamplingHandlers(arbiter, audit),
        new ImportHandlers(vertx, arbiter, audit), new OpenImisHandlers(vertx, arbiter, audit),
        new SchemeHandlers(arbiter, audit, o.getRulesFolder()),
        models == null ? null : new ModelHandlers(models, audit), new AuditHandlers(audit),
        new FhirHandlers(arbiter, o.getBodyLimit()), new ReviewPage(), bodies);
  }

  /** Whether the model routes are served. */
  boolean hasModels() {
    return models != null;
  }

  /** Releases the import, openIMIS and batch workers. */
  Future<Void> close() {
    return Future.join(claims.close(), imports.close(), openImis.close()).mapEmpty();
  }
}
