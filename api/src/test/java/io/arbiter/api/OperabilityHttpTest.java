package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.access.Role;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.log.JsonLineEncoder;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scoring.onnx.ModelRegistry;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Metrics, readiness, request ids and the JSON log lines, over HTTP. */
class OperabilityHttpTest {
  private static final HttpClient HTTP = ContractRecorder.recording(HttpClient.newHttpClient());
  private static final AtomicInteger CODES = new AtomicInteger();

  @TempDir
  Path dir;

  private Vertx vertx = Vertx.vertx();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await();
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private static SchemeDocument scheme() throws Exception {
    try (InputStream in = OperabilityHttpTest.class.getResourceAsStream("/scheme.json")) {
      return Json.mapper().readValue(in, SchemeDocument.class);
    }
  }

  /** A claim of insuree 111 for one PARA; {@code date} before 2026 falls outside the policy. */
  private static String claim(String code, String date) {
    return "{\"code\": \"" + code + "\", \"chfId\": \"111\", \"healthFacility\": \"HF1\", \"dateFrom\": \"" + date
        + "\", \"dateClaimed\": \"" + date + "\", \"icd\": \"A00\","
        + " \"items\": [{\"itemCode\": \"PARA\", \"qtyProvided\": 2, \"priceAsked\": 10}]}";
  }

  private static HttpResponse<String> send(int port, String path, String token, String body, String requestId)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (requestId != null) {
      request.header("X-Request-Id", requestId);
    }
    if (body != null) {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> get(int port, String path, String token) throws Exception {
    return send(port, path, token, null, null);
  }

  private ArbiterServer start(Arbiter arbiter, ModelRegistry models, ArbiterServerOptions options) {
    return ArbiterServer.start(vertx, arbiter, models, options.setHost("127.0.0.1").setPort(0)).await();
  }

  /**
   * The value of one series in a Prometheus scrape: the line whose name is {@code name} and whose
   * labels include every {@code label="value"} given; 0 when no line matches.
   */
  static double sample(String scrape, String name, String... labels) {
    double found = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      int brace = line.indexOf('}');
      String labelPart = brace < 0 ? "" : line.substring(name.length(), brace + 1);
      boolean all = true;
      for (String l : labels) {
        all &= labelPart.contains(l);
      }
      if (all) {
        found += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return found;
  }

  @Test
  void metrics_afterClaims_countersMoveByTheClaimsSubmitted() throws Exception {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme()).meters(meters).build();
    int port = start(arbiter, null, TestKeys.options().setMeters(meters)).port();
    String admin = TestKeys.token(Role.ADMIN);
    String before = get(port, "/metrics", admin).body();

    String backend = TestKeys.token(Role.BACKEND);
    int n = CODES.incrementAndGet();
    for (int i = 0; i < 3; i++) {
      assertThat(send(port, "/v1/claims", backend, claim("M" + n + "C" + i, "2026-06-0" + (i + 1)), null)
          .statusCode()).isEqualTo(201);
    }
    HttpResponse<String> rejected = send(port, "/v1/claims", backend, claim("M" + n + "R", "2025-06-01"), null);
    assertThat(rejected.statusCode()).isEqualTo(201);
    JsonNode decision = Json.mapper().readTree(rejected.body());
    assertThat(decision.get("status").asInt()).as(rejected.body()).isEqualTo(1);
    String code = decision.at("/items/0/rejectionReason").asText();
    assertThat(send(port, "/v1/claims", backend, claim("M" + n + "C0", "2026-06-01"), null).statusCode())
        .as("a resubmission is not a new decision").isEqualTo(200);

    System.gc(); // a gauge whose object was only weakly held would now read NaN
    HttpResponse<String> scrape = get(port, "/metrics", admin);
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type")).hasValue(Operations.PROMETHEUS_TEXT);
    String after = scrape.body();
    assertThat(sample(after, "arbiter_claims_total", "status=\"checked\"")
        - sample(before, "arbiter_claims_total", "status=\"checked\"")).isEqualTo(3);
    assertThat(sample(after, "arbiter_claims_total", "status=\"rejected\"", "category=\"none\"")
        - sample(before, "arbiter_claims_total", "status=\"rejected\"")).isEqualTo(1);
    assertThat(sample(after, "arbiter_claim_lines_rejected_total", "code=\"" + code + "\"")
        - sample(before, "arbiter_claim_lines_rejected_total", "code=\"" + code + "\"")).isEqualTo(1);
    assertThat(sample(after, "arbiter_http_server_requests_seconds_count", "route=\"/v1/claims\"", "status=\"201\"")
        - sample(before, "arbiter_http_server_requests_seconds_count", "route=\"/v1/claims\"", "status=\"201\""))
        .isEqualTo(4);
    assertThat(sample(after, "arbiter_http_server_requests_seconds_count", "route=\"/v1/claims\"", "status=\"200\""))
        .isEqualTo(1);
    assertThat(sample(after, "arbiter_adjudication_seconds_count")).isEqualTo(4);
    assertThat(sample(after, "arbiter_ledger_book_seconds_count")).as("only checked claims book").isEqualTo(3);
    assertThat(sample(after, "arbiter_review_queue_claims")).isEqualTo(0);
    assertThat(sample(after, "arbiter_rules_sessions", "state=\"pooled\""))
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(sample(after, "arbiter_rules_sessions", "state=\"in_use\"")).isZero();
    assertThat(after).contains("arbiter_adjudication_seconds_bucket{le=");
  }

  @Test
  void metrics_onTheMainPort_needsAnAdminKey() throws Exception {
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme()).build();
    int port = start(arbiter, null, TestKeys.options()).port();
    assertThat(get(port, "/metrics", null).statusCode()).isEqualTo(401);
    assertThat(get(port, "/metrics", TestKeys.token(Role.BACKEND)).statusCode()).isEqualTo(403);
    HttpResponse<String> scrape = get(port, "/metrics", TestKeys.token(Role.ADMIN));
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(sample(scrape.body(), "arbiter_http_server_requests_seconds_count", "route=\"/metrics\"",
        "status=\"403\"")).isEqualTo(1);
  }

  @Test
  void metrics_withAManagementPort_servedThereWithoutAKeyAndNotOnTheMainPort() throws Exception {
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme()).build();
    ArbiterServer server = start(arbiter, null, TestKeys.options().setManagementPort(0));
    assertThat(server.managementPort()).isPositive().isNotEqualTo(server.port());
    assertThat(get(server.managementPort(), "/metrics", null).statusCode()).isEqualTo(200);
    assertThat(get(server.managementPort(), "/health/ready", null).statusCode()).isEqualTo(200);
    // Not through the recording client: openapi.yaml describes the API's port, not this listener.
    HttpResponse<String> scheme = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.managementPort() + "/v1/scheme"))
        .header("Authorization", "Bearer " + TestKeys.token(Role.ADMIN)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(scheme.statusCode()).as("nothing but operations there").isEqualTo(404);
    assertThat(get(server.port(), "/metrics", TestKeys.token(Role.ADMIN)).statusCode()).isEqualTo(404);
  }

  @Test
  void ready_noActiveModel_503NamingTheModelCheck_andLiveStill200() throws Exception {
    ModelRegistry models = ModelRegistry.open(dir.resolve("models"));
    closing.add(models);
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme()).scorer(models.scorer()).build();
    int port = start(arbiter, models, TestKeys.options()).port();
    HttpResponse<String> ready = get(port, "/health/ready", null);
    assertThat(ready.statusCode()).isEqualTo(503);
    JsonNode body = Json.mapper().readTree(ready.body());
    assertThat(body.get("status").asText()).isEqualTo("DOWN");
    assertThat(body.at("/checks/model/status").asText()).isEqualTo("DOWN");
    assertThat(body.at("/checks/database/status").asText()).isEqualTo("UP");
    assertThat(body.at("/checks/ruleset/version").asText()).isEqualTo(arbiter.rules().version());
    assertThat(body.at("/checks/scheme/version").asText()).isEqualTo(arbiter.scheme().summary().version());
    assertThat(get(port, "/health/live", null).statusCode()).isEqualTo(200);
    assertThat(get(port, "/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void ready_databaseDownThenBack_503Then200() throws Exception {
    Server h2 = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
    int h2Port = h2.getPort();
    closing.add(h2::stop);
    String url = "jdbc:h2:tcp://127.0.0.1:" + h2Port + "/./ready;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
        + ";DEFAULT_NULL_ORDERING=HIGH";
    JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(url));
    closing.add(0, store);
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    store.bindTo(meters);
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme()).store(store).build();
    int port = start(arbiter, null, TestKeys.options().setMeters(meters)).port();
    assertThat(get(port, "/health/ready", null).statusCode()).isEqualTo(200);
    assertThat(sample(get(port, "/metrics", TestKeys.token(Role.ADMIN)).body(),
        "hikaricp_connections_acquire_seconds_count", "pool=\"arbiter\"")).as("the pool's meters").isPositive();

    h2.stop();
    HttpResponse<String> down = get(port, "/health/ready", null);
    assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
    JsonNode body = Json.mapper().readTree(down.body());
    assertThat(body.at("/checks/database/status").asText()).isEqualTo("DOWN");
    assertThat(body.at("/checks/scheme/status").asText()).isEqualTo("UP");
    assertThat(get(port, "/health/live", null).statusCode()).as("alive all along").isEqualTo(200);

    Server again = Server.createTcpServer("-tcpPort", String.valueOf(h2Port), "-baseDir", dir.toString(),
        "-ifNotExists").start();
    closing.add(again::stop);
    int status = 0;
    // The pool reconnects on its own; a probe is answered within 2 s, so this waits at most ~40 s.
    for (int i = 0; i < 20 && status != 200; i++) {
      status = get(port, "/health/ready", null).statusCode();
    }
    assertThat(status).isEqualTo(200);
  }

  @Test
  void requestId_givenIsEchoed_missingOrInvalidIsGenerated() throws Exception {
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme()).build();
    int port = start(arbiter, null, TestKeys.options()).port();
    assertThat(send(port, "/health", null, null, "abc-123").headers().firstValue("X-Request-Id"))
        .hasValue("abc-123");
    String generated = get(port, "/v1/nothing", null).headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(generated).matches("[0-9a-f-]{36}");
    assertThat(send(port, "/health", null, null, "x".repeat(129)).headers().firstValue("X-Request-Id").orElseThrow())
        .as("too long: replaced").matches("[0-9a-f-]{36}");
    assertThat(send(port, "/health", null, null, "a b").headers().firstValue("X-Request-Id").orElseThrow())
        .matches("[0-9a-f-]{36}");
  }

  /** Collects the JSON lines logback would write. */
  private static final class Lines extends AppenderBase<ILoggingEvent> {
    final List<JsonNode> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final JsonLineEncoder encoder = new JsonLineEncoder();

    @Override
    protected void append(ILoggingEvent event) {
      try {
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        lines.add(Json.mapper().readTree(line));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @Test
  void logLines_requestAndDecision_areJsonWithTheFieldsAndTheCorrelationId() throws Exception {
    Logger requests = (Logger) LoggerFactory.getLogger("arbiter.request");
    Logger decisions = (Logger) LoggerFactory.getLogger("arbiter.decision");
    Lines lines = new Lines();
    lines.start();
    for (Logger l : List.of(requests, decisions)) {
      l.addAppender(lines);
      l.setLevel(Level.INFO);
    }
    try {
      Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme()).build();
      int port = start(arbiter, null, TestKeys.options()).port();
      String code = "LOG" + CODES.incrementAndGet();
      String token = TestKeys.token(Role.BACKEND);
      HttpResponse<String> r = send(port, "/v1/claims", token, claim(code, "2026-06-01"), "corr-7");
      assertThat(r.statusCode()).isEqualTo(201);
      // The request line is written when the response ends, possibly just after the client has it.
      for (int i = 0; i < 100 && lines.lines.stream().noneMatch(l -> "request".equals(l.path("message").asText()));
          i++) {
        Thread.sleep(20);
      }
      JsonNode request = lines.lines.stream().filter(l -> l.path("message").asText().equals("request"))
          .findFirst().orElseThrow();
      assertThat(request.get("level").asText()).isEqualTo("INFO");
      assertThat(request.get("requestId").asText()).isEqualTo("corr-7");
      assertThat(request.get("method").asText()).isEqualTo("POST");
      assertThat(request.get("route").asText()).isEqualTo("/v1/claims");
      assertThat(request.get("status").asInt()).isEqualTo(201);
      assertThat(request.get("durationMs").isNumber()).isTrue();
      assertThat(request.get("keyId").asText()).isNotEmpty();
      assertThat(request.get("roles").toString()).isEqualTo("[\"backend\"]");
      assertThat(request.toString()).as("never the secret").doesNotContain(token);

      JsonNode decision = lines.lines.stream().filter(l -> l.path("message").asText().equals("decision"))
          .findFirst().orElseThrow();
      assertThat(decision.get("requestId").asText()).isEqualTo("corr-7");
      assertThat(decision.get("action").asText()).isEqualTo("submitted");
      assertThat(decision.get("claimCode").asText()).isEqualTo(code);
      assertThat(decision.get("chfId").asText()).isEqualTo("111");
      assertThat(decision.get("status").asInt()).isEqualTo(4);
      assertThat(decision.get("rejectionCodes").isArray()).isTrue();
      assertThat(decision.get("rulesetVersion").asText()).isEqualTo(arbiter.rules().version());
      assertThat(decision.has("modelVersion")).isTrue();
      assertThat(decision.get("durationMs").asDouble()).isPositive();
    } finally {
      for (Logger l : List.of(requests, decisions)) {
        l.detachAppender(lines);
        l.setLevel(null);
      }
    }
  }
}
