package io.arbiter.api;

import io.arbiter.access.Actor;
import io.arbiter.access.AuditLog;
import io.arbiter.access.Tokens;
import io.arbiter.engine.Arbiter;
import io.arbiter.population.ImportFormat;
import io.arbiter.population.ImportListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.io.StringReader;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/*
 * Why imports have a worker of their own: an import holds its thread for as long as the upload
 * lasts (a minute for a million insurees), which would starve the shared pool the claims need and
 * trip Vert.x's blocked-thread warning after 60 s. One thread also makes concurrent imports queue
 * rather than compete for the database.
 */

/** The import routes: the population (insurees, policies; streamed) and the voucher register. */
final class ImportHandlers {
  private static final String IMPORT_WORKER = "arbiter-import";

  private final Arbiter arbiter;
  private final AuditLog audit;
  private final WorkerExecutor imports;

  ImportHandlers(Vertx vertx, Arbiter arbiter, AuditLog audit) {
    this.arbiter = arbiter;
    this.audit = audit;
    this.imports = vertx.createSharedWorkerExecutor(IMPORT_WORKER, 1, 1, TimeUnit.HOURS);
  }

  /** Releases the import worker. */
  Future<Void> close() {
    return imports.close();
  }

  /**
   * {@code POST /v1/insurees:import}: the body streams into the import as it arrives, so its size
   * is not limited and the memory it takes is bounded. Any other method gets 405 here, because a
   * route matched by regular expression has no path for the router's own 405 to list.
   */
  void importPopulation(RoutingContext ctx) {
    if (!Requests.postOnly(ctx)) {
      return;
    }
    ImportFormat format = Requests.streamedFormat(ctx, EnumSet.allOf(ImportFormat.class),
        "application/x-ndjson or text/csv (UTF-8)");
    if (format == null) {
      return;
    }
    StreamedBody body = StreamedBody.of(ctx.request());
    Actor actor = Access.actor(ctx);
    Reply.answer(ctx, imports.executeBlocking(() -> {
      try {
        Object summary = arbiter.imports().population(body, format, ImportListener.NONE);
        audit.record(actor, "population.import", null, null, Requests.hash(summary));
        return Reply.ok(summary);
      } catch (StreamedBody.CutException e) {
        throw new HttpException(400, e.getMessage(), e);
      } catch (UnsupportedOperationException e) {
        throw new HttpException(501, "this server adjudicates against its scheme's own population and imports none", e);
      } finally {
        body.discardRest();
      }
    }, false));
  }

  /**
   * {@code POST /v1/vouchers:import}: a voucher register as {@code text/csv} ({@code number,status}),
   * answered with what was read, written and refused.
   */
  void importVouchers(RoutingContext ctx) {
    if (!Requests.postOnly(ctx)) {
      return;
    }
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
      ctx.fail(new HttpException(415, "the body must be text/csv (UTF-8), "
          + (contentType == null ? "it has no Content-Type header" : "was " + contentType)));
      return;
    }
    byte[] csv = Requests.body(ctx);
    Actor actor = Access.actor(ctx);
    Reply.onWorker(ctx, () -> {
      try {
        Object summary = arbiter.imports().vouchers(new StringReader(Requests.utf8(csv)));
        audit.record(actor, "vouchers.import", null, Tokens.sha256(csv), Requests.hash(summary));
        return Reply.ok(summary);
      } catch (UnsupportedOperationException e) {
        throw new HttpException(501, "this server adjudicates against its scheme's own vouchers and imports none", e);
      }
    });
  }
}
