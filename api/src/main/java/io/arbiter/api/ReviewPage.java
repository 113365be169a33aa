package io.arbiter.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The reviewer page: static files that hold no data (they fetch it with the reviewer's token),
 * under a CSP that allows no inline script or style and no other origin.
 */
final class ReviewPage implements Handler<RoutingContext> {
  /** What a browser is told about the reviewer page: where it may load from, and not to sniff or frame it. */
  static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
      + " connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

  private final StaticHandler files = StaticHandler.create("review").setDefaultContentEncoding("UTF-8")
      .setCachingEnabled(false);

  /** {@code GET /review}: to {@code /review/}. Vert.x matches "/review" for "/review/" too; only the bare path is redirected. */
  static void redirect(RoutingContext ctx) {
    if (ctx.request().path().equals("/review")) {
      ctx.redirect("/review/");
    } else {
      ctx.next();
    }
  }

  /** The page's files, with the headers above. */
  @Override
  public void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", PAGE_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    files.handle(ctx);
  }
}
