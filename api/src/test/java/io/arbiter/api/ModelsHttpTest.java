package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scoring.FeatureExtractor;
import io.arbiter.scoring.FeatureSchema;
import io.arbiter.scoring.ModelCard;
import io.arbiter.scoring.onnx.ModelRegistry;
import io.arbiter.scoring.TestModels;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /v1/models routes and risk on decisions, over a registry in a fresh folder per test. */
class ModelsHttpTest {
  private static final AtomicInteger CODES = new AtomicInteger();
  private static RuleSet rules;
  private static SchemeDocument scheme;

  @TempDir
  Path models;
  private TestServer server;
  private WebClient client;
  private ModelRegistry registry;
  private int port;

  @BeforeAll
  static void compile() throws IOException {
    rules = RuleSet.fromClasspath();
    try (InputStream in = ModelsHttpTest.class.getResourceAsStream("/scheme.json")) {
      scheme = Json.mapper().readValue(in, SchemeDocument.class);
    }
  }

  @BeforeEach
  void start() {
    registry = ModelRegistry.open(models);
    Arbiter arbiter = Arbiter.builder().rules(rules).scheme(scheme).scorer(registry.scorer()).build();
    server = TestServer.start(arbiter, registry, TestServer.options());
    port = server.port();
    client = server.webClient();
  }

  @AfterEach
  void stop() {
    server.close();
    registry.close();
  }

  private static ObjectNode upload(TestModels.Bundle b) throws IOException {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("onnx", Base64.getEncoder().encodeToString(b.onnx()));
    body.set("card", Json.mapper().readTree(b.card()));
    body.set("stats", Json.mapper().readTree(b.stats()));
    return body;
  }

  private static ObjectNode claim() {
    ObjectNode claim = Json.mapper().createObjectNode()
        .put("code", "M" + CODES.incrementAndGet()).put("chfId", "111").put("healthFacility", "HF1")
        .put("dateFrom", "2026-06-01").put("dateClaimed", "2026-06-01").put("icd", "A00");
    claim.putArray("items").addObject().put("itemCode", "PARA").put("qtyProvided", 2).put("priceAsked", 30);
    claim.putArray("services").addObject().put("serviceCode", "CONS").put("qtyProvided", 1).put("priceAsked", 100);
    return claim;
  }

  private record Answer(int status, String contentType, String location, JsonNode json) {}

  private Answer send(HttpMethod method, String path, JsonNode body) {
    HttpRequest<Buffer> request = client.request(method, port, "127.0.0.1", path).putHeader("Authorization", TestKeys.ALL_BEARER);
    HttpResponse<Buffer> response;
    if (body == null) {
      response = request.send().await();
    } else {
      request.putHeader("Content-Type", "application/json");
      response = request.sendBuffer(Buffer.buffer(body.toString())).await();
    }
    String type = response.getHeader("Content-Type");
    JsonNode json = null;
    if (type != null && type.contains("json")) {
      try {
        json = Json.mapper().readTree(response.bodyAsString());
      } catch (IOException e) {
        throw new AssertionError(response.bodyAsString(), e);
      }
    }
    return new Answer(response.statusCode(), type, response.getHeader("Location"), json);
  }

  private static List<String> fields(Answer a) {
    List<String> fields = new ArrayList<>();
    a.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }

  @Test
  void postClaim_noActiveModel_decisionHasNoRisk() {
    Answer listed = send(HttpMethod.GET, "/v1/models", null);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().get("versions")).isEmpty();
    assertThat(listed.json().get("active").isNull()).isTrue();
    Answer decided = send(HttpMethod.POST, "/v1/claims", claim());
    assertThat(decided.status()).isEqualTo(201);
    assertThat(decided.json().has("risk")).isFalse();
    assertThat(decided.json().at("/items/0").has("risk")).isFalse();
    assertThat(send(HttpMethod.GET, "/v1/models/active/drift", null).status()).isEqualTo(404);
  }

  @Test
  void postClaim_activeModel_carriesRiskOnTheClaimAndItsLines() throws IOException {
    Answer uploaded = send(HttpMethod.POST, "/v1/models", upload(TestModels.bundle("m1", 1)));
    assertThat(uploaded.status()).isEqualTo(201);
    assertThat(uploaded.location()).isEqualTo("/v1/models/m1");
    assertThat(uploaded.json().get("active").asBoolean()).isFalse();
    Answer activated = send(HttpMethod.POST, "/v1/models/m1/activate", null);
    assertThat(activated.status()).isEqualTo(200);
    assertThat(activated.json().get("active").asBoolean()).isTrue();

    JsonNode d = send(HttpMethod.POST, "/v1/claims", claim()).json();
    assertThat(d.get("modelVersion").asText()).isEqualTo("m1");
    assertThat(d.at("/risk/band").asText()).isIn("pass", "review", "reject");
    assertThat(d.at("/risk/score").asDouble()).isBetween(0.0, 1.0);
    assertThat(d.at("/risk/modelVersion").asText()).isEqualTo("m1");
    assertThat(d.at("/items/0/risk/probability").asDouble()).isBetween(0.0, 1.0);
    assertThat(d.at("/items/0/risk/reasons/0").asText()).isEqualTo("price asked 3.0× the price list");
    assertThat(d.at("/services/0/risk/probability").isNumber()).isTrue();

    JsonNode listed = send(HttpMethod.GET, "/v1/models", null).json();
    assertThat(listed.get("active").asText()).isEqualTo("m1");
    assertThat(listed.at("/versions/0/id").asText()).isEqualTo("m1");
    assertThat(listed.at("/versions/0/featureSchemaVersion").asText()).isEqualTo(FeatureExtractor.VERSION);
    Answer drift = send(HttpMethod.GET, "/v1/models/active/drift", null);
    assertThat(drift.status()).isEqualTo(200);
    assertThat(drift.json().get("referenceSource").asText()).isEqualTo("collecting");
    assertThat(drift.json().get("referenceRows").asInt()).isEqualTo(2);
    assertThat(drift.json().get("alertThreshold").asDouble()).isEqualTo(0.2);
  }

  @Test
  void activate_duringConcurrentSubmissions_failsNoRequestAndEveryDecisionIsScored() throws Exception {
    for (String id : List.of("m1", "m2")) {
      assertThat(send(HttpMethod.POST, "/v1/models", upload(TestModels.bundle(id, id.equals("m1") ? 1 : 2))).status())
          .isEqualTo(201);
    }
    assertThat(send(HttpMethod.POST, "/v1/models/m1/activate", null).status()).isEqualTo(200);
    java.util.concurrent.atomic.AtomicBoolean flipping = new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<List<JsonNode>>> clients = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      clients.add(pool.submit(() -> {
        List<JsonNode> decided = new ArrayList<>();
        while (flipping.get()) {
          ObjectNode itemOnly = claim(); // the product's consultation maximum would soon reject the claims
          itemOnly.remove("services");
          Answer a = send(HttpMethod.POST, "/v1/claims", itemOnly);
          assertThat(a.status()).as(String.valueOf(a.json())).isEqualTo(201);
          decided.add(a.json());
        }
        return decided;
      }));
    }
    int flips = 20;
    try {
      for (int n = 0; n < flips; n++) {
        Answer flipped = send(HttpMethod.POST, "/v1/models/" + (n % 2 == 0 ? "m2" : "m1") + "/activate", null);
        assertThat(flipped.status()).isEqualTo(200);
      }
    } finally {
      flipping.set(false);
    }
    List<JsonNode> decided = new ArrayList<>();
    for (var client : clients) {
      decided.addAll(client.get()); // rethrows a failed request
    }
    pool.shutdown();
    // A rejected claim is not scored.
    List<JsonNode> entered = decided.stream().filter(d -> d.get("status").asInt() != 1).toList();
    assertThat(entered).allSatisfy(d -> {
      assertThat(d.at("/risk/band").asText()).isNotEqualTo("unscored");
      assertThat(d.at("/risk/modelVersion").asText()).isIn("m1", "m2").isEqualTo(d.get("modelVersion").asText());
    });
    assertThat(entered).extracting(d -> d.at("/risk/modelVersion").asText()).contains("m1", "m2");
    Files.writeString(Path.of("target", "activation-under-load.txt"), decided.size() + " claims submitted by 8 clients"
        + " during " + flips + " activations: 0 failed; " + entered.size() + " entered, all scored\n");
  }

  @Test
  void shadow_isRecordedOnDecisionsUntilDeleted() throws IOException {
    send(HttpMethod.POST, "/v1/models", upload(TestModels.bundle("m1", 1)));
    send(HttpMethod.POST, "/v1/models", upload(TestModels.bundle("m2", 2)));
    send(HttpMethod.POST, "/v1/models/m1/activate", null);
    Answer shadowed = send(HttpMethod.POST, "/v1/models/m2/shadow", null);
    assertThat(shadowed.status()).isEqualTo(200);
    assertThat(shadowed.json().get("shadow").asBoolean()).isTrue();
    JsonNode d = send(HttpMethod.POST, "/v1/claims", claim()).json();
    assertThat(d.at("/risk/shadow/modelVersion").asText()).isEqualTo("m2");
    assertThat(d.at("/items/0/risk/shadowProbability").isNumber()).isTrue();
    assertThat(send(HttpMethod.GET, "/v1/models", null).json().get("shadow").asText()).isEqualTo("m2");

    assertThat(send(HttpMethod.DELETE, "/v1/models/shadow", null).status()).isEqualTo(204);
    JsonNode after = send(HttpMethod.POST, "/v1/claims", claim()).json();
    assertThat(after.at("/risk").has("shadow")).isFalse();
    assertThat(send(HttpMethod.POST, "/v1/models/m1/shadow", null).status()).as("the active one").isEqualTo(409);
  }

  @Test
  void upload_wrongSchema_422NamingTheFieldAndNothingWritten() throws IOException {
    TestModels.Trained t = TestModels.trained(1);
    ModelCard c = TestModels.card("wrong", t, TestModels.identity(), new ModelCard.Thresholds(0.5, null, 0.05));
    ModelCard wrong = new ModelCard(c.id(), c.algorithm(), c.createdAt(),
        new FeatureSchema("arbiter-features-0", c.featureSchema().names()), c.outputColumns(), c.baseline(),
        c.calibration(), c.thresholds(), c.expectedCutShare(), c.cutShare(), c.metrics(), null, null);
    Answer a = send(HttpMethod.POST, "/v1/models", upload(TestModels.bundle(wrong, t)));
    assertThat(a.status()).isEqualTo(422);
    assertThat(a.contentType()).isEqualTo("application/problem+json");
    assertThat(a.json().get("type").asText()).isEqualTo("urn:arbiter:problem:invalid-model");
    assertThat(fields(a)).containsExactly("/card/featureSchema");
    assertThat(Files.exists(models.resolve("wrong"))).isFalse();
  }

  @Test
  void upload_corruptOnnxOrMissingParts_422NamingTheFields() throws IOException {
    ObjectNode body = upload(TestModels.bundle("c1", 1));
    body.put("onnx", Base64.getEncoder().encodeToString("not a model".getBytes()));
    Answer corrupt = send(HttpMethod.POST, "/v1/models", body);
    assertThat(corrupt.status()).isEqualTo(422);
    assertThat(fields(corrupt)).containsExactly("/onnx");

    body.put("onnx", "%%% not base64 %%%");
    body.remove("stats");
    body.put("extra", 1);
    Answer incomplete = send(HttpMethod.POST, "/v1/models", body);
    assertThat(incomplete.status()).isEqualTo(422);
    assertThat(fields(incomplete)).containsExactlyInAnyOrder("/onnx", "/stats", "/extra");
    assertThat(send(HttpMethod.GET, "/v1/models", null).json().get("versions")).isEmpty();
  }

  @Test
  void upload_sameIdTwice_409() throws IOException {
    assertThat(send(HttpMethod.POST, "/v1/models", upload(TestModels.bundle("m1", 1))).status()).isEqualTo(201);
    assertThat(send(HttpMethod.POST, "/v1/models", upload(TestModels.bundle("m1", 1))).status()).isEqualTo(409);
  }

  @Test
  void activateOrShadow_unknownModel_404() {
    Answer a = send(HttpMethod.POST, "/v1/models/nope/activate", null);
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.json().get("type").asText()).isEqualTo("urn:arbiter:problem:not-found");
    assertThat(send(HttpMethod.POST, "/v1/models/nope/shadow", null).status()).isEqualTo(404);
  }
}
