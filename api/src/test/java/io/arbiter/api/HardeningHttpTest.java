package io.arbiter.api;

import io.arbiter.engine.JsonInput;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scoring.ClaimContext;
import io.arbiter.scoring.RiskScorer;
import io.arbiter.scoring.ScoredClaim;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input limits, timeouts, the reviewer page's headers and a failing risk model, over the test
 * scheme (scheme.json) with a scorer that fails for every claim whose code starts with "FAIL".
 */
class HardeningHttpTest {
  private static final HttpClient HTTP = TestServer.http();
  private static final AtomicInteger CODES = new AtomicInteger();
  private static final long BODY_TIMEOUT_MILLIS = 700;
  private static final int IDLE_TIMEOUT_SECONDS = 2;

  private static TestServer server;
  private static int port;

  /** Fails for claims coded FAIL…, else gives no risk (as when no model is active). */
  private static final class FlakyScorer implements RiskScorer {
    @Override
    public ScoredClaim score(ClaimContext context) {
      if (context.claim().code().startsWith("FAIL")) {
        throw new IllegalStateException("onnx runtime crashed");
      }
      return null;
    }

    @Override
    public String modelVersion() {
      return "flaky-1";
    }
  }

  @BeforeAll
  static void start() {
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scorer(new FlakyScorer())
        .scheme(TestServer.scheme("/scheme.json")).build();
    server = TestServer.start(arbiter, null, TestServer.options()
        .setBodyTimeoutMillis(BODY_TIMEOUT_MILLIS).setIdleTimeoutSeconds(IDLE_TIMEOUT_SECONDS));
    port = server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ObjectNode claim(String code) {
    ObjectNode claim = Json.mapper().createObjectNode().put("code", code).put("chfId", "111")
        .put("healthFacility", "HF1").put("dateFrom", "2026-06-01").put("dateClaimed", "2026-06-01").put("icd", "A00");
    claim.putArray("items").addObject().put("itemCode", "PARA").put("qtyProvided", 2).put("priceAsked", 10);
    return claim;
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", TestKeys.ALL_BEARER)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Asserts a problem document of the status naming the field, and returns it. */
  private static JsonNode problem(HttpResponse<String> response, int status, String field) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(ProblemDetails.MEDIA_TYPE);
    JsonNode problem = Json.mapper().readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    if (field != null) {
      assertThat(problem.get("errors")).as(response.body()).anySatisfy(e -> assertThat(e.get("field").asText())
          .isEqualTo(field));
    }
    return problem;
  }

  @Test
  void submit_moreLinesThanTheLimit_answers422NamingItems() throws Exception {
    ObjectNode claim = claim("L" + CODES.incrementAndGet());
    ArrayNode items = claim.putArray("items");
    for (int i = 0; i < 1001; i++) {
      items.addObject().put("itemCode", "PARA").put("qtyProvided", 1).put("priceAsked", 1);
    }
    JsonNode problem = problem(post("/v1/claims", claim.toString()), 422, "/items");
    assertThat(problem.get("errors")).hasSize(1);
    assertThat(problem.at("/errors/0/detail").asText()).contains("at most 1000");
  }

  @Test
  void submit_claimCodeLongerThanTheStoreHolds_answers422() throws Exception {
    problem(post("/v1/claims", claim("C".repeat(65)).toString()), 422, "/code");
  }

  @Test
  void submit_giantString_answers422NamingTheField() throws Exception {
    ObjectNode claim = claim("G" + CODES.incrementAndGet());
    ((ObjectNode) claim.get("items").get(0)).put("itemCode", "x".repeat(JsonInput.MAX_STRING_LENGTH + 1));
    problem(post("/v1/claims", claim.toString()), 422, "/items/0/itemCode");
  }

  @ParameterizedTest(name = "qtyProvided {0}")
  @ValueSource(strings = {"-1", "0", "1e20", "123456789012345678", "0.0000001"})
  void submit_quantityOutOfRange_answers4xxNamingIt(String qty) throws Exception {
    String body = claim("Q" + CODES.incrementAndGet()).toString().replace("\"qtyProvided\":2", "\"qtyProvided\":" + qty);
    HttpResponse<String> response = post("/v1/claims", body);
    problem(response, 422, "/items/0/qtyProvided");
  }

  @ParameterizedTest(name = "qtyProvided {0}")
  @ValueSource(strings = {"NaN", "\"NaN\"", "Infinity", "\"-Infinity\"", "1e999999999999"})
  void submit_nonNumericQuantity_answers400(String qty) throws Exception {
    String body = claim("N" + CODES.incrementAndGet()).toString().replace("\"qtyProvided\":2", "\"qtyProvided\":" + qty);
    HttpResponse<String> response = post("/v1/claims", body);
    assertThat(response.statusCode()).as(response.body()).isBetween(400, 422);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(ProblemDetails.MEDIA_TYPE);
  }

  @ParameterizedTest(name = "dateFrom {0}")
  @ValueSource(strings = {"1899-12-31", "2201-01-01", "+10000-01-01"})
  void submit_dateOutsideSaneYears_answers4xxNamingIt(String date) throws Exception {
    HttpResponse<String> response = post("/v1/claims", claim("Y" + CODES.incrementAndGet()).put("dateFrom", date)
        .toString());
    assertThat(response.statusCode()).as(response.body()).isIn(400, 422);
    problem(response, response.statusCode(), "/dateFrom");
  }

  @Test
  void createSamplingBatch_nanPercentage_answers4xxNamingIt() throws Exception {
    HttpResponse<String> response = post("/v1/sampling-batches", "{\"percentage\": \"NaN\"}");
    assertThat(response.statusCode()).as(response.body()).isIn(400, 422);
    problem(response, response.statusCode(), "/percentage");
  }

  @Test
  void submit_scorerFails_rulesDecisionIsReturnedUnscored() throws Exception {
    HttpResponse<String> response = post("/v1/claims", claim("FAIL" + CODES.incrementAndGet()).toString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode decision = Json.mapper().readTree(response.body());
    assertThat(decision.get("status").asInt()).isEqualTo(4);
    assertThat(decision.at("/risk/band").asText()).isEqualTo("unscored");
    assertThat(decision.at("/risk/error").asText()).contains("onnx runtime crashed");
  }

  @Test
  void reviewPage_sendsSecurityHeaders() throws Exception {
    for (String path : new String[] {"/review/", "/review/review.js"}) {
      HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", TestKeys.ALL_BEARER)
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
          .contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe-inline");
      assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }
  }

  /** The 408 is a typed problem like every other refusal (issue 15 §2: no {@code about:blank}). */
  @Test
  void submit_bodySlowerThanTheTimeout_answers408AndClosesTheConnection() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/claims HTTP/1.1\r\nHost: x\r\nAuthorization: " + TestKeys.ALL_BEARER + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long started = System.nanoTime();
      // Trickle a byte every 200 ms: never idle long enough for the idle timeout.
      InputStream in = socket.getInputStream();
      while (in.available() == 0 && System.nanoTime() - started < 5_000_000_000L) {
        Thread.sleep(200);
        try {
          out.write(' ');
          out.flush();
        } catch (IOException closed) {
          break;
        }
      }
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertThat(answer).startsWith("HTTP/1.1 408").contains(ProblemDetails.MEDIA_TYPE)
          .contains("\"type\":\"urn:arbiter:problem:request-timeout\"");
      assertThat(millis).isBetween(BODY_TIMEOUT_MILLIS - 100, 5_000L);
    }
  }

  @Test
  void connection_idleLongerThanTheTimeout_isClosed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("POST /v1/claims HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      long started = System.nanoTime();
      int read = socket.getInputStream().read();
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertThat(read).isEqualTo(-1);
      assertThat(millis).isBetween(IDLE_TIMEOUT_SECONDS * 1000L - 200, 8_000L);
    }
  }
}
