package io.arbiter.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.claim.Claim;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import io.arbiter.engine.Problem;
import io.arbiter.engine.Review;
import io.arbiter.json.Json;
import io.arbiter.scheme.SchemeDocument;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The route handlers. Each runs on the event loop only long enough to take the request apart; the
 * engine call, and reading and writing JSON, run on a worker thread (unordered, so requests run in
 * parallel), and failures go to {@link Failures}.
 */
final class Endpoints {
  private static final String JSON = "application/json";

  private final Vertx vertx;
  private final Arbiter arbiter;
  private final Buffer openApi;

  Endpoints(Vertx vertx, Arbiter arbiter, Buffer openApi) {
    this.vertx = vertx;
    this.arbiter = arbiter;
    this.openApi = openApi;
  }

  /** The answer of {@code GET /health}. */
  record Health(String status, String schemeVersion, String rulesetVersion) {}

  void health(RoutingContext ctx) {
    onWorker(ctx, () -> Reply.ok(new Health("UP", arbiter.scheme().version(), arbiter.rulesetVersion())));
  }

  void openApi(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml").end(openApi);
  }

  void scheme(RoutingContext ctx) {
    onWorker(ctx, () -> Reply.ok(arbiter.scheme()));
  }

  void replaceScheme(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    onWorker(ctx, () -> Reply.ok(arbiter.replaceScheme(JsonInput.read(bytes(body), SchemeDocument.class))));
  }

  void submit(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    onWorker(ctx, () -> {
      Arbiter.Submission submission = arbiter.submit(JsonInput.read(bytes(body), Claim.class));
      String location = "/v1/claims/" + URLEncoder.encode(submission.decision().code(), StandardCharsets.UTF_8)
          .replace("+", "%20");
      return new Reply(submission.created() ? 201 : 200, write(submission.decision()), location);
    });
  }

  void claim(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    onWorker(ctx, () -> Reply.ok(arbiter.claim(code).orElseThrow(() -> ArbiterException.notFound(code))));
  }

  void review(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    Buffer body = ctx.body().buffer();
    onWorker(ctx, () -> Reply.ok(arbiter.review(code, JsonInput.read(bytes(body), Review.class))));
  }

  void process(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    onWorker(ctx, () -> Reply.ok(arbiter.process(code)));
  }

  void balance(RoutingContext ctx) {
    String chfId = ctx.pathParam("chfId");
    LocalDate date = date(ctx.queryParams().get("date"));
    onWorker(ctx, () -> Reply.ok(arbiter.balance(chfId, date)));
  }

  /** The {@code date} parameter; today (the server's time zone) when absent. */
  private static LocalDate date(String date) {
    if (date == null) {
      return LocalDate.now();
    }
    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new ArbiterException(ArbiterException.Kind.MALFORMED, "the date parameter is not a date",
          List.of(new Problem("date", "must be a date (YYYY-MM-DD), was '" + date + "'", false)));
    }
  }

  private void onWorker(RoutingContext ctx, Callable<Reply> work) {
    vertx.executeBlocking(work, false).onComplete(done -> {
      if (done.succeeded()) {
        done.result().send(ctx);
      } else {
        ctx.fail(done.cause());
      }
    });
  }

  private static byte[] bytes(Buffer body) {
    return body == null ? new byte[0] : body.getBytes();
  }

  /** Written on the worker; a value that cannot be written is the server's fault, not the client's. */
  private static Buffer write(Object value) {
    try {
      return Buffer.buffer(Json.mapper().writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** A successful answer, already written as JSON. */
  private record Reply(int status, Buffer json, String location) {
    static Reply ok(Object body) {
      return new Reply(200, write(body), null);
    }

    void send(RoutingContext ctx) {
      if (location != null) {
        ctx.response().putHeader(HttpHeaders.LOCATION, location);
      }
      ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(json);
    }
  }
}
