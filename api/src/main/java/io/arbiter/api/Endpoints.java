package io.arbiter.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimRisk;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import io.arbiter.engine.Problem;
import io.arbiter.engine.Review;
import io.arbiter.input.Identifiers;
import io.arbiter.input.InputGate;
import io.arbiter.access.Actor;
import io.arbiter.access.AuditLog;
import io.arbiter.access.AuditQuery;
import io.arbiter.access.Tokens;
import io.arbiter.json.Json;
import io.arbiter.json.JsonInput;
import io.arbiter.batch.BatchAdjudicator;
import io.arbiter.review.BatchRequest;
import io.arbiter.review.SamplingBatch;
import io.arbiter.review.SelectionRequest;
import io.arbiter.scoring.ModelRegistry;
import io.arbiter.scoring.ModelVersion;
import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.store.ReviewQueueFilter;
import io.arbiter.store.ImportFormat;
import io.arbiter.store.ImportListener;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/*
 * Why imports have a worker of their own: an import holds its thread for as long as the upload
 * lasts (a minute for a million insurees), which would starve the shared pool the claims need and
 * trip Vert.x's blocked-thread warning after 60 s. One thread also makes concurrent imports queue
 * rather than compete for the database.
 */

/**
 * The route handlers. Each runs on the event loop only long enough to take the request apart; the
 * engine call, and reading and writing JSON, run on a worker thread (unordered, so requests run in
 * parallel; imports one at a time on a worker of their own), and failures go to {@link Failures}.
 */
final class Endpoints {
  private static final String JSON = "application/json";
  private static final String IMPORT_WORKER = "arbiter-import";
  private static final String BATCH_WORKER = "arbiter-batch-reader";
  /** Batches read at once; more wait for a reader. */
  private static final int BATCH_READERS = 4;
  /** Lines of one batch held at once (adjudicating, or decided and waiting to be written). */
  static final int BATCH_IN_FLIGHT = 512;

  private final Vertx vertx;
  private final Arbiter arbiter;
  private final ModelRegistry models;
  private final Buffer openApi;
  private final WorkerExecutor imports;
  private final WorkerExecutor batchReaders;
  private final BatchAdjudicator batches;
  private final AuditLog audit;

  private final java.nio.file.Path rulesFolder;

  Endpoints(Vertx vertx, Arbiter arbiter, ModelRegistry models, Buffer openApi, AuditLog audit,
      java.nio.file.Path rulesFolder) {
    this.rulesFolder = rulesFolder;
    this.vertx = vertx;
    this.audit = audit;
    this.arbiter = arbiter;
    this.models = models;
    this.openApi = openApi;
    this.imports = vertx.createSharedWorkerExecutor(IMPORT_WORKER, 1, 1, TimeUnit.HOURS);
    this.batchReaders = vertx.createSharedWorkerExecutor(BATCH_WORKER, BATCH_READERS, 1, TimeUnit.HOURS);
    this.batches = new BatchAdjudicator(arbiter, Runtime.getRuntime().availableProcessors());
  }

  /** The engine served, for the routes mounted beside these (FHIR). */
  Arbiter arbiter() {
    return arbiter;
  }

  /** Releases the import and batch workers. */
  Future<Void> close() {
    batches.close();
    return Future.join(imports.close(), batchReaders.close()).mapEmpty();
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
    Actor actor = Access.actor(ctx);
    onWorker(ctx, () -> {
      String before = arbiter.scheme().version();
      Object replaced = arbiter.replaceScheme(JsonInput.read(bytes(body), SchemeDocument.class));
      audit.record(actor, "scheme.replace", null, before, arbiter.scheme().version());
      return Reply.ok(replaced);
    });
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

  /**
   * {@code POST /v1/claims:batch}: NDJSON claims in, one NDJSON line out per line in, in input
   * order, streamed as the claims are decided (each stored first), with the body read only as fast
   * as the answer is taken; see {@link BatchAdjudicator} and {@link BatchResponse}. A body cut short
   * ends the answer where it is, since its status has been sent.
   *
   * @param maxLineBytes the longest line, as the body limit of one claim
   */
  void batch(RoutingContext ctx, int maxLineBytes) {
    if (!postOnly(ctx)) {
      return;
    }
    if (streamedFormat(ctx, java.util.EnumSet.of(ImportFormat.NDJSON), "application/x-ndjson (UTF-8), one claim a line")
        == null) {
      return;
    }
    StreamedBody body = StreamedBody.of(ctx.request());
    BatchResponse answer = new BatchResponse(ctx.response(), vertx.getOrCreateContext(), BATCH_IN_FLIGHT);
    batchReaders.executeBlocking(() -> batches.run(body, maxLineBytes, answer), false).onComplete(done -> {
      body.discardRest();
      if (done.succeeded()) {
        answer.finish();
      } else if (!ctx.response().closed()) {
        ctx.request().connection().close();
      }
    });
  }

  void claim(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    onWorker(ctx, () -> Reply.ok(arbiter.claimWithLedger(code).orElseThrow(() -> ArbiterException.notFound(code))));
  }

  void review(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    Buffer body = ctx.body().buffer();
    Actor actor = Access.actor(ctx);
    onWorker(ctx, () -> {
      Review review = JsonInput.read(bytes(body), Review.class);
      String before = arbiter.claim(code).map(Endpoints::hash).orElse(null);
      Object decided = arbiter.review(code, review);
      audit.record(actor, "claim.review", code, before, hash(decided));
      return Reply.ok(decided);
    });
  }

  /** The query parameters {@code GET /v1/review-queue} reads; any other is refused. */
  private static final java.util.Set<String> QUEUE_PARAMETERS =
      java.util.Set.of("healthFacility", "from", "to", "band", "batch", "page", "size");
  private static final java.util.Set<String> BANDS = java.util.Set.of(ClaimRisk.BAND_PASS, ClaimRisk.BAND_REVIEW,
      ClaimRisk.BAND_REJECT, ClaimRisk.BAND_UNSCORED);
  static final int DEFAULT_QUEUE_PAGE_SIZE = 20;

  /**
   * {@code GET /v1/review-queue}: every parameter is checked before the store is asked, and all
   * that are wrong are named together. An unknown parameter is refused rather than ignored, so a
   * filter this server does not apply never passes for one it did.
   */
  void reviewQueue(RoutingContext ctx) {
    MultiMap query = ctx.queryParams();
    List<Problem> problems = new ArrayList<>();
    for (String name : query.names()) {
      if (!QUEUE_PARAMETERS.contains(name)) {
        problems.add(new Problem(name, "is not a parameter of the review queue", false));
      } else if (query.getAll(name).size() > 1) {
        problems.add(new Problem(name, "must be given at most once", false));
      }
    }
    String facility = query.get("healthFacility");
    if (facility != null) {
      Identifiers.problem(facility).ifPresent(p -> problems.add(new Problem("healthFacility", p, false)));
    }
    LocalDate from = queryDate(query.get("from"), "from", problems);
    LocalDate to = queryDate(query.get("to"), "to", problems);
    if (from != null && to != null && to.isBefore(from)) {
      problems.add(new Problem("to", "must not be before from (" + from + "), was " + to, false));
    }
    String batch = query.get("batch");
    if (batch != null) {
      Identifiers.problem(batch).ifPresent(p -> problems.add(new Problem("batch", p, false)));
    }
    String band = query.get("band");
    if (band != null && !BANDS.contains(band)) {
      problems.add(new Problem("band", "must be one of pass, review, reject, unscored; was '" + band + "'", false));
    }
    int page = queryInt(query.get("page"), "page", 1, 1, Integer.MAX_VALUE, problems);
    int size = queryInt(query.get("size"), "size", DEFAULT_QUEUE_PAGE_SIZE, 1, Arbiter.MAX_QUEUE_PAGE_SIZE, problems);
    if (!problems.isEmpty()) {
      ctx.fail(new ArbiterException(ArbiterException.Kind.MALFORMED, "the review queue's parameters are not valid",
          problems));
      return;
    }
    ReviewQueueFilter filter = new ReviewQueueFilter(facility, from, to, band, batch);
    onWorker(ctx, () -> Reply.ok(arbiter.reviewQueue(filter, page, size)));
  }

  private static LocalDate queryDate(String value, String name, List<Problem> problems) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(new Problem(name, "must be a date (YYYY-MM-DD), was '" + value + "'", false));
      return null;
    }
  }

  private static int queryInt(String value, String name, int absent, int min, int max, List<Problem> problems) {
    if (value == null) {
      return absent;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, as out of range is
    }
    problems.add(new Problem(name, "must be an integer from " + min + (max == Integer.MAX_VALUE ? " on" : " to " + max)
        + ", was '" + value + "'", false));
    return absent;
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

  /** {@code POST /v1/review-selection}: selects over a set of claims; answers the codes selected. */
  void selectForReview(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    Actor actor = Access.actor(ctx);
    onWorker(ctx, () -> {
      Object selected = arbiter.selectForReview(JsonInput.read(bytes(body), SelectionRequest.class));
      audit.record(actor, "review.select", null, Tokens.sha256(bytes(body)), hash(selected));
      return Reply.ok(selected);
    });
  }

  /** {@code POST /v1/sampling-batches}: draws a batch; 201 with its location. */
  void createSamplingBatch(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    Actor actor = Access.actor(ctx);
    onWorker(ctx, () -> {
      SamplingBatch batch = arbiter.createSamplingBatch(JsonInput.read(bytes(body), BatchRequest.class));
      audit.record(actor, "sampling.batch", batch.id(), Tokens.sha256(bytes(body)), hash(batch));
      return new Reply(201, write(batch), "/v1/sampling-batches/" + batch.id());
    });
  }

  static final int DEFAULT_BATCH_LIST_SIZE = 20;

  /** {@code GET /v1/sampling-batches}: the most recent batches, so that the reviewer page can offer them. */
  void samplingBatches(RoutingContext ctx) {
    MultiMap query = ctx.queryParams();
    List<Problem> problems = new ArrayList<>();
    for (String name : query.names()) {
      if (!"size".equals(name)) {
        problems.add(new Problem(name, "is not a parameter of the sampling batch list", false));
      }
    }
    int size = queryInt(query.get("size"), "size", DEFAULT_BATCH_LIST_SIZE, 1, Arbiter.MAX_BATCH_LIST_SIZE, problems);
    if (!problems.isEmpty()) {
      ctx.fail(new ArbiterException(ArbiterException.Kind.MALFORMED, "the batch list's parameters are not valid",
          problems));
      return;
    }
    onWorker(ctx, () -> Reply.ok(arbiter.recentSamplingBatches(size)));
  }

  /** {@code GET /v1/sampling-batches/{id}/claims}: the batch's claims and where each one's review stands. */
  void samplingBatchClaims(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    onWorker(ctx, () -> Reply.ok(arbiter.samplingBatchClaims(id)));
  }

  void samplingBatch(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    onWorker(ctx, () -> Reply.ok(arbiter.samplingBatch(id).orElseThrow(() -> new ArbiterException(
        ArbiterException.Kind.NOT_FOUND, "sampling batch " + id + " does not exist", List.of()))));
  }

  void extrapolate(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Actor actor = Access.actor(ctx);
    onWorker(ctx, () -> {
      String before = arbiter.samplingBatch(id).map(Endpoints::hash).orElse(null);
      Object result = arbiter.extrapolate(id);
      audit.record(actor, "sampling.extrapolate", id, before, hash(result));
      return Reply.ok(result);
    });
  }

  void samplingReport(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    onWorker(ctx, () -> Reply.ok(arbiter.samplingReport(id)));
  }

  /**
   * {@code POST /v1/insurees:import}: the body streams into the import as it arrives, so its size
   * is not limited and the memory it takes is bounded. Any other method gets 405 here, because a
   * route matched by regular expression has no path for the router's own 405 to list.
   */
  void importPopulation(RoutingContext ctx) {
    if (!postOnly(ctx)) {
      return;
    }
    ImportFormat format = streamedFormat(ctx, java.util.EnumSet.allOf(ImportFormat.class),
        "application/x-ndjson or text/csv (UTF-8)");
    if (format == null) {
      return;
    }
    StreamedBody body = StreamedBody.of(ctx.request());
    Actor actor = Access.actor(ctx);
    reply(ctx, imports.executeBlocking(() -> {
      try {
        Object summary = arbiter.importPopulation(body, format, ImportListener.NONE);
        audit.record(actor, "population.import", null, null, hash(summary));
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
    HttpServerRequest request = ctx.request();
    if (!postOnly(ctx)) {
      return;
    }
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
      ctx.fail(new HttpException(415, "the body must be text/csv (UTF-8), "
          + (contentType == null ? "it has no Content-Type header" : "was " + contentType)));
      return;
    }
    Buffer body = ctx.body().buffer();
    Actor actor = Access.actor(ctx);
    onWorker(ctx, () -> {
      try {
        byte[] csv = bytes(body);
        Object summary = arbiter.importVouchers(new java.io.StringReader(utf8(csv)));
        audit.record(actor, "vouchers.import", null, Tokens.sha256(csv), hash(summary));
        return Reply.ok(summary);
      } catch (UnsupportedOperationException e) {
        throw new HttpException(501, "this server adjudicates against its scheme's own vouchers and imports none", e);
      }
    });
  }

  /**
   * {@code POST /v1/rules:reload}: recompiles the configured rules folder, runs its scenarios and
   * swaps the ruleset only if they pass (422 with the errors otherwise). It has no body: what is
   * reloaded is never taken from the request.
   */
  void reloadRules(RoutingContext ctx) {
    if (!postOnly(ctx)) {
      return;
    }
    if (rulesFolder == null) {
      ctx.fail(new ArbiterException(ArbiterException.Kind.CONFLICT,
          "this server runs the rules built into Arbiter, which cannot change; start it with --rules DIR", List.of()));
      return;
    }
    Actor actor = Access.actor(ctx);
    // Compiling takes seconds: on a worker, like every engine call, so claims keep flowing meanwhile.
    onWorker(ctx, () -> {
      io.arbiter.engine.RulesReload.Result result = io.arbiter.engine.RulesReload.reload(arbiter, rulesFolder);
      audit.record(actor, "rules.reload", rulesFolder.toString(), result.previous(), result.version());
      return Reply.ok(result);
    });
  }

  boolean hasModels() {
    return models != null;
  }

  /** The answer of {@code GET /v1/models}. */
  record Models(String active, String shadow, List<ModelVersion> versions) {}

  void models(RoutingContext ctx) {
    onWorker(ctx, () -> Reply.ok(new Models(models.active().map(ModelVersion::id).orElse(null),
        models.shadow().map(ModelVersion::id).orElse(null), models.list())));
  }

  /**
   * {@code POST /v1/models}: {@code {"onnx": base64, "card": {…}, "stats": {…}}}. The card and
   * stats are kept byte for byte as sent (re-serialised from the parsed tree), the ONNX decoded.
   */
  void uploadModel(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    Actor actor = Access.actor(ctx);
    onWorker(ctx, () -> {
      MODEL_UPLOAD.check(bytes(body));
      JsonNode root = Json.mapper().readTree(bytes(body));
      if (root == null || !root.isObject()) {
        throw new ArbiterException(ArbiterException.Kind.MALFORMED, "the body must be a JSON object",
            List.of(new Problem("", "must be an object with onnx, card and stats", false)));
      }
      List<Problem> problems = new java.util.ArrayList<>();
      JsonNode onnx = root.get("onnx");
      byte[] onnxBytes = null;
      if (onnx == null || !onnx.isTextual()) {
        problems.add(new Problem("/onnx", "must be the ONNX model as a base64 string", false));
      } else {
        try {
          onnxBytes = java.util.Base64.getMimeDecoder().decode(onnx.textValue());
        } catch (IllegalArgumentException e) {
          problems.add(new Problem("/onnx", "is not base64: " + e.getMessage(), false));
        }
      }
      for (String part : List.of("card", "stats")) {
        JsonNode node = root.get(part);
        if (node == null || !node.isObject()) {
          problems.add(new Problem("/" + part, "must be an object (model-card.json / reference-stats.json)", false));
        }
      }
      root.fieldNames().forEachRemaining(name -> {
        if (!List.of("onnx", "card", "stats").contains(name)) {
          problems.add(new Problem("/" + name, "is not a known field", false));
        }
      });
      if (!problems.isEmpty()) {
        throw new ArbiterException(ArbiterException.Kind.INVALID, "the model upload is incomplete", problems);
      }
      ModelVersion version = models.upload(onnxBytes, Json.mapper().writeValueAsBytes(root.get("card")),
          Json.mapper().writeValueAsBytes(root.get("stats")));
      audit.record(actor, "model.upload", version.id(), null, Tokens.sha256(onnxBytes));
      return new Reply(201, write(version), "/v1/models/" + URLEncoder.encode(version.id(), StandardCharsets.UTF_8));
    });
  }

  /** A model upload's gate: its ONNX file, in base64, may be as long as the body (the decoder checks it). */
  private static final InputGate MODEL_UPLOAD = InputGate.exempting("/onnx"::equals);

  void activate(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Actor actor = Access.actor(ctx);
    onWorker(ctx, () -> {
      String before = models.active().map(ModelVersion::id).orElse(null);
      Object result = models.activate(id);
      audit.record(actor, "model.activate", id, before, id);
      return Reply.ok(result);
    });
  }

  void shadow(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Actor actor = Access.actor(ctx);
    onWorker(ctx, () -> {
      String before = models.shadow().map(ModelVersion::id).orElse(null);
      Object result = models.shadow(id);
      audit.record(actor, "model.shadow", id, before, id);
      return Reply.ok(result);
    });
  }

  void clearShadow(RoutingContext ctx) {
    Actor actor = Access.actor(ctx);
    onWorker(ctx, () -> {
      String before = models.shadow().map(ModelVersion::id).orElse(null);
      models.clearShadow();
      audit.record(actor, "model.shadow.clear", before, before, null);
      return Reply.NO_CONTENT;
    });
  }

  void drift(RoutingContext ctx) {
    onWorker(ctx, () -> Reply.ok(models.drift().orElseThrow(() -> new ArbiterException(
        ArbiterException.Kind.NOT_FOUND, "no model is active", List.of()))));
  }

  private static final java.util.Set<String> AUDIT_PARAMETERS = java.util.Set.of("action", "from", "to", "offset",
      "limit");

  /**
   * {@code GET /v1/audit}: the audit trail, newest first, filtered by {@code action} and a time
   * range {@code from} (inclusive) .. {@code to} (exclusive), as ISO-8601 instants; paged by
   * {@code offset} and {@code limit} (1..1000, default 100).
   */
  void audit(RoutingContext ctx) {
    MultiMap q = ctx.queryParams();
    List<Problem> problems = new ArrayList<>();
    q.names().stream().filter(n -> !AUDIT_PARAMETERS.contains(n)).sorted()
        .forEach(n -> problems.add(new Problem(n, "is not a parameter of the audit trail", false)));
    java.time.Instant from = instant(q.get("from"), "from", problems);
    java.time.Instant to = instant(q.get("to"), "to", problems);
    int offset = queryInt(q.get("offset"), "offset", 0, 0, Integer.MAX_VALUE, problems);
    int limit = queryInt(q.get("limit"), "limit", 100, 1, 1000, problems);
    if (q.get("action") != null) {
      Identifiers.problem(q.get("action")).ifPresent(p -> problems.add(new Problem("action", p, false)));
    }
    if (!problems.isEmpty()) {
      ctx.fail(new ArbiterException(ArbiterException.Kind.MALFORMED, "the audit query is not valid", problems));
      return;
    }
    String action = q.get("action");
    onWorker(ctx, () -> Reply.ok(audit.entries(new AuditQuery(action, from, to, offset, limit))));
  }

  private static java.time.Instant instant(String value, String name, List<Problem> problems) {
    if (value == null) {
      return null;
    }
    try {
      return java.time.Instant.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(new Problem(name, "must be an instant such as 2026-01-31T12:00:00Z, was '" + value + "'", false));
      return null;
    }
  }

  /** The SHA-256 of a value's JSON: what the audit trail keeps of a state. */
  private static String hash(Object value) {
    try {
      return Tokens.sha256(Json.mapper().writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /**
   * The format of a body to be streamed, after answering a client that waits for 100 Continue;
   * null, the request failed with 415 naming {@code expected}, when its type is not {@code accepted}.
   */
  private static ImportFormat streamedFormat(RoutingContext ctx, java.util.Set<ImportFormat> accepted, String expected) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    ImportFormat format = ImportFormat.ofMediaType(contentType).filter(accepted::contains).orElse(null);
    if (format == null) {
      ctx.fail(new HttpException(415, "the body must be " + expected + ", "
          + (contentType == null ? "it has no Content-Type header" : "was " + contentType)));
    } else if (ctx.request().headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
      ctx.response().writeContinue();
    }
    return format;
  }

  /**
   * Whether the request is a POST; else fails it with 405 listing POST, because a route matched by
   * regular expression has no path for the router's own 405 to list.
   */
  private static boolean postOnly(RoutingContext ctx) {
    if (ctx.request().method() == HttpMethod.POST) {
      return true;
    }
    ctx.response().putHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
    ctx.fail(405);
    return false;
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

  private static void onWorker(RoutingContext ctx, Callable<Reply> work) {
    reply(ctx, WorkBudget.onWorker(ctx, work));
  }

  private static void reply(RoutingContext ctx, Future<Reply> reply) {
    reply.onComplete(done -> {
      if (done.succeeded()) {
        done.result().send(ctx);
      } else {
        ctx.fail(done.cause());
      }
    });
  }

  /** Text that must be UTF-8: malformed bytes are refused (400), never read as U+FFFD. */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ArbiterException(ArbiterException.Kind.MALFORMED, "the body is not UTF-8",
          List.of(new Problem("", "must be UTF-8 text", false)));
    }
  }

  /**
   * Checks every path parameter of the request (a claim code, an insurance number, a batch or model
   * id) against {@link Identifiers}: one that cannot be an identifier is refused (400) before any
   * store is asked, where a NUL would fail the query.
   */
  static void pathIdentifiers(RoutingContext ctx) {
    List<Problem> problems = new ArrayList<>();
    ctx.pathParams().forEach((name, value) -> Identifiers.problem(value)
        .ifPresent(problem -> problems.add(new Problem(name, problem, false))));
    if (problems.isEmpty()) {
      ctx.next();
    } else {
      ctx.fail(new ArbiterException(ArbiterException.Kind.MALFORMED, "the path does not name a valid identifier",
          problems));
    }
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
    static final Reply NO_CONTENT = new Reply(204, null, null);

    static Reply ok(Object body) {
      return new Reply(200, write(body), null);
    }

    void send(RoutingContext ctx) {
      if (location != null) {
        ctx.response().putHeader(HttpHeaders.LOCATION, location);
      }
      if (json == null) {
        ctx.response().setStatusCode(status).end();
        return;
      }
      ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(json);
    }
  }
}
