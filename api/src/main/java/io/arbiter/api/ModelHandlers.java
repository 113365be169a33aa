package io.arbiter.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.access.Actor;
import io.arbiter.access.AuditLog;
import io.arbiter.access.Tokens;
import io.arbiter.engine.ArbiterException;
import io.arbiter.engine.Problem;
import io.arbiter.input.InputGate;
import io.arbiter.json.Json;
import io.arbiter.scoring.onnx.ModelRegistry;
import io.arbiter.scoring.ModelVersion;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The modelers' routes over a model registry: list, upload, activate, shadow, drift. */
final class ModelHandlers {
  /** A model upload's gate: its ONNX file, in base64, may be as long as the body (the decoder checks it). */
  private static final InputGate MODEL_UPLOAD = InputGate.exempting("/onnx"::equals);
  private static final List<String> UPLOAD_FIELDS = List.of("onnx", "card", "stats");

  private final ModelRegistry models;
  private final AuditLog audit;

  ModelHandlers(ModelRegistry models, AuditLog audit) {
    this.models = models;
    this.audit = audit;
  }

  /** The answer of {@code GET /v1/models}. */
  record Models(String active, String shadow, List<ModelVersion> versions) {}

  void models(RoutingContext ctx) {
    Reply.onWorker(ctx, () -> Reply.ok(new Models(models.active().map(ModelVersion::id).orElse(null),
        models.shadow().map(ModelVersion::id).orElse(null), models.list())));
  }

  /**
   * {@code POST /v1/models}: {@code {"onnx": base64, "card": {…}, "stats": {…}}}. The card and
   * stats are kept byte for byte as sent (re-serialised from the parsed tree), the ONNX decoded.
   */
  void uploadModel(RoutingContext ctx) {
    byte[] body = Requests.body(ctx);
    Actor actor = Access.actor(ctx);
    Reply.onWorker(ctx, () -> {
      MODEL_UPLOAD.check(body);
      JsonNode root = Json.mapper().readTree(body);
      if (root == null || !root.isObject()) {
        throw new ArbiterException(ArbiterException.Kind.MALFORMED, "the body must be a JSON object",
            List.of(new Problem("", "must be an object with onnx, card and stats", false)));
      }
      List<Problem> problems = new ArrayList<>();
      byte[] onnxBytes = onnx(root.get("onnx"), problems);
      for (String part : List.of("card", "stats")) {
        JsonNode node = root.get(part);
        if (node == null || !node.isObject()) {
          problems.add(new Problem("/" + part, "must be an object (model-card.json / reference-stats.json)", false));
        }
      }
      root.fieldNames().forEachRemaining(name -> {
        if (!UPLOAD_FIELDS.contains(name)) {
          problems.add(new Problem("/" + name, "is not a known field", false));
        }
      });
      if (!problems.isEmpty()) {
        throw new ArbiterException(ArbiterException.Kind.INVALID, "the model upload is incomplete", problems);
      }
      ModelVersion version = models.upload(onnxBytes, Json.mapper().writeValueAsBytes(root.get("card")),
          Json.mapper().writeValueAsBytes(root.get("stats")));
      audit.record(actor, "model.upload", version.id(), null, Tokens.sha256(onnxBytes));
      return Reply.created(version, "/v1/models/" + URLEncoder.encode(version.id(), StandardCharsets.UTF_8));
    });
  }

  /** The ONNX model of an upload, decoded; null, with a problem, when it is not base64 text. */
  private static byte[] onnx(JsonNode onnx, List<Problem> problems) {
    if (onnx == null || !onnx.isTextual()) {
      problems.add(new Problem("/onnx", "must be the ONNX model as a base64 string", false));
      return null;
    }
    try {
      return Base64.getMimeDecoder().decode(onnx.textValue());
    } catch (IllegalArgumentException e) {
      problems.add(new Problem("/onnx", "is not base64: " + e.getMessage(), false));
      return null;
    }
  }

  void activate(RoutingContext ctx) {
    change(ctx, "model.activate", models::active, models::activate);
  }

  void shadow(RoutingContext ctx) {
    change(ctx, "model.shadow", models::shadow, models::shadow);
  }

  /** Puts the path's model in a role on a worker, audited with the model that held it before. */
  private void change(RoutingContext ctx, String action, Supplier<Optional<ModelVersion>> holder,
      Function<String, ?> put) {
    String id = ctx.pathParam("id");
    Actor actor = Access.actor(ctx);
    Reply.onWorker(ctx, () -> {
      String before = holder.get().map(ModelVersion::id).orElse(null);
      Object result = put.apply(id);
      audit.record(actor, action, id, before, id);
      return Reply.ok(result);
    });
  }

  void clearShadow(RoutingContext ctx) {
    Actor actor = Access.actor(ctx);
    Reply.onWorker(ctx, () -> {
      String before = models.shadow().map(ModelVersion::id).orElse(null);
      models.clearShadow();
      audit.record(actor, "model.shadow.clear", before, before, null);
      return Reply.NO_CONTENT;
    });
  }

  void drift(RoutingContext ctx) {
    Reply.onWorker(ctx, () -> Reply.ok(models.drift().orElseThrow(() -> new ArbiterException(
        ArbiterException.Kind.NOT_FOUND, "no model is active", List.of()))));
  }
}
