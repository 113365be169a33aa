package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.engine.Arbiter;
import io.arbiter.fhir.FhirSamples;
import io.arbiter.json.Json;
import io.arbiter.log.JsonLineEncoder;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scoring.ClaimContext;
import io.arbiter.scoring.RiskScorer;
import io.arbiter.scoring.ScoredClaim;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Issue 15 §1 and §6: every body passes one gate with the same limits and the same words on
 * {@code /v1}, batch lines and FHIR; a request over its time budget answers 503; the request log
 * says what was really sent. Over the test scheme (scheme.json) with one worker thread and a scorer
 * that takes {@value #SLOW_MILLIS} ms for claims coded SLOW…, so that work can outlast its budget.
 */
class InputGateHttpTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final AtomicInteger CODES = new AtomicInteger();
  private static final long BUDGET_MILLIS = 600;
  private static final long SLOW_MILLIS = 2_500;
  /** Stands for bytes that are not UTF-8 (an overlong "/") in a body template. */
  private static final String NOT_UTF8 = "<C0AF>";
  private static final List<String> LIBRARY_WORDS = List.of("StreamReadConstraints", "HAPI-", "`", "Exception",
      "jackson", "ca.uhn", "java.");

  private static Vertx vertx;
  private static int port;

  /** Slow for claims coded SLOW…, else no risk (as when no model is active). */
  private static final class SlowScorer implements RiskScorer {
    @Override
    public ScoredClaim score(ClaimContext context) {
      if (context.claim().code().startsWith("SLOW")) {
        try {
          Thread.sleep(SLOW_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return null;
    }

    @Override
    public String modelVersion() {
      return "slow-1";
    }
  }

  @BeforeAll
  static void start() throws IOException {
    try (InputStream in = InputGateHttpTest.class.getResourceAsStream("/scheme.json")) {
      Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scorer(new SlowScorer())
          .scheme(Json.mapper().readValue(in, SchemeDocument.class)).build();
      vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(1));
      port = ArbiterServer.start(vertx, arbiter, TestKeys.options().setHost("127.0.0.1").setPort(0)
          .setRequestTimeoutMillis(BUDGET_MILLIS)).await().port();
    }
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static String claim(String code) {
    return "{\"code\":\"" + code + "\",\"chfId\":\"111\",\"healthFacility\":\"HF1\",\"dateFrom\":\"2026-06-01\","
        + "\"dateClaimed\":\"2026-06-01\",\"icd\":\"A00\",\"items\":[{\"itemCode\":\"PARA\",\"qtyProvided\":2,"
        + "\"priceAsked\":10}]}";
  }

  private static HttpResponse<String> send(String method, String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", TestKeys.ALL_BEARER).header("Content-Type", contentType)
        .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A template's bytes, with {@link #NOT_UTF8} as the bytes C0 AF. */
  private static byte[] bytes(String template) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] parts = template.split(java.util.regex.Pattern.quote(NOT_UTF8), -1);
    for (int i = 0; i < parts.length; i++) {
      out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
      if (i < parts.length - 1) {
        out.write(0xC0);
        out.write(0xAF);
      }
    }
    return out.toByteArray();
  }

  /** Issue 15 §1: this quantity kept a worker busy at 100 % CPU, its memory climbing, with no answer. */
  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void postFhirClaim_hugeExponentQuantity_refused422WithoutStalling() throws Exception {
    String body = FhirSamples.claim("EXP" + CODES.incrementAndGet(), "111", "HF1", "2026-06-01", "PARA")
        .replace("\"quantity\":{\"value\":1}", "\"quantity\":{\"value\":1e999999999}");
    assertThat(body).contains("1e999999999");
    long started = System.nanoTime();
    HttpResponse<String> r = send("POST", "/fhir/Claim", "application/fhir+json", bytes(body));
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    JsonNode outcome = Json.mapper().readTree(r.body());
    assertThat(outcome.path("resourceType").asText()).isEqualTo("OperationOutcome");
    assertThat(outcome.at("/issue/0/expression/0").asText()).isEqualTo("Claim.item[0].quantity.value");
    assertThat(millis).as("answered at once").isLessThan(5_000);
  }

  /**
   * Issue 15 §1: the same hostile value gives the same status on {@code /v1/claims}, a line of
   * {@code /v1/claims:batch} and {@code /fhir/Claim}, and (§6) no answer names a library's
   * internals. {@code {key}} is the quantity's key on each route.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "huge exponent|{key}:1e999999999|422",
      "tiny exponent|{key}:1e-999999999|422",
      "duplicate key|{key}:30,{key}:3000|400",
      "number of 65 characters|{key}:10000000000000000000000000000000000000000000000000000000000000000|400",
      "nesting 70 deep|{key}:[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]|400",
      "not UTF-8|{key}:2,\"x\":\"" + NOT_UTF8 + "\"|400",
      "escaped NUL|{key}:2,\"x\":\"a\\u0000\"|422",
      "unpaired surrogate|{key}:2,\"x\":\"\\ud800\"|422",
      "NaN|{key}:NaN|400",
      "trailing data|{key}:2}}]} {|400"})
  void everyRoute_sameHostileBody_sameStatusInTheApisWords(String name, String template, int status) throws Exception {
    String v1 = claim("H" + CODES.incrementAndGet()).replace("\"qtyProvided\":2", template.replace("{key}",
        "\"qtyProvided\""));
    HttpResponse<String> claims = send("POST", "/v1/claims", "application/json", bytes(v1));
    assertThat(claims.statusCode()).as(claims.body()).isEqualTo(status);
    assertThat(claims.headers().firstValue("Content-Type")).hasValue(ProblemDetails.MEDIA_TYPE);

    HttpResponse<String> batch = send("POST", "/v1/claims:batch", "application/x-ndjson", bytes(v1 + "\n"));
    assertThat(batch.statusCode()).isEqualTo(200);
    JsonNode line = Json.mapper().readTree(batch.body().lines().findFirst().orElseThrow());
    assertThat(line.path("status").asInt()).as(batch.body()).isEqualTo(status);

    String fhir = FhirSamples.claim("H" + CODES.incrementAndGet(), "111", "HF1", "2026-06-01", "PARA")
        .replace("\"quantity\":{\"value\":1}", "\"quantity\":{" + template.replace("{key}", "\"value\"") + "}");
    HttpResponse<String> fhirClaim = send("POST", "/fhir/Claim", "application/fhir+json", bytes(fhir));
    assertThat(fhirClaim.statusCode()).as(fhirClaim.body()).isEqualTo(status);
    assertThat(Json.mapper().readTree(fhirClaim.body()).path("resourceType").asText()).isEqualTo("OperationOutcome");

    for (String answer : List.of(claims.body(), batch.body(), fhirClaim.body())) {
      assertThat(LIBRARY_WORDS).as(answer).noneMatch(answer::contains);
    }
  }

  /** Issue 15 §6: HAPI's refusals ("HAPI-1861: Failed to parse JSON encoded FHIR content…") are reworded. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"[]|must be a JSON object", "{}|has no resourceType",
      "{\"resourceType\": \"Nope\"}|Nope", "\"Claim\"|must be a JSON object"})
  void postFhirClaim_notAResource_400InTheApisWords(String body, String says) throws Exception {
    HttpResponse<String> r = send("POST", "/fhir/Claim", "application/fhir+json", bytes(body));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    String diagnostics = Json.mapper().readTree(r.body()).at("/issue/0/diagnostics").asText();
    assertThat(diagnostics).contains(says);
    assertThat(LIBRARY_WORDS).as(diagnostics).noneMatch(diagnostics::contains);
  }

  /** Issue 15 §1: work past its budget answers 503 on time; the log line says 503 was sent. */
  @Test
  void submit_workOverItsBudget_answers503OnTimeAndTheLogSaysSo() throws Exception {
    Lines lines = Lines.attach();
    try {
      long started = System.nanoTime();
      HttpResponse<String> r = send("POST", "/v1/claims", "application/json",
          bytes(claim("SLOW" + CODES.incrementAndGet())));
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(r.headers().firstValue("Content-Type")).hasValue(ProblemDetails.MEDIA_TYPE);
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      assertThat(Json.mapper().readTree(r.body()).path("detail").asText()).contains("time budget of 600 ms")
          .contains("read its result back");
      assertThat(millis).isBetween(BUDGET_MILLIS, SLOW_MILLIS - 500);
      JsonNode line = lines.await("/v1/claims");
      assertThat(line.path("status").asInt()).isEqualTo(503);
      assertThat(line.path("complete").asBoolean()).isTrue();
    } finally {
      lines.detach();
      Thread.sleep(SLOW_MILLIS); // the slow work ends before the next test needs the one worker
    }
  }

  @Test
  void postFhirClaim_workOverItsBudget_answers503OperationOutcome() throws Exception {
    try {
      HttpResponse<String> r = send("POST", "/fhir/Claim", "application/fhir+json",
          bytes(FhirSamples.claim("SLOW" + CODES.incrementAndGet(), "111", "HF1", "2026-06-01", "PARA")));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      JsonNode outcome = Json.mapper().readTree(r.body());
      assertThat(outcome.path("resourceType").asText()).isEqualTo("OperationOutcome");
      assertThat(outcome.at("/issue/0/code").asText()).isEqualTo("transient");
    } finally {
      Thread.sleep(SLOW_MILLIS);
    }
  }

  /**
   * Issue 15 §1: a request that waits behind stuck work past its budget is answered 503 and never
   * run (one worker thread here, held by a slow claim): its claim does not exist afterwards.
   */
  @Test
  void submit_queuedPastItsBudget_answers503AndIsNeverRun() throws Exception {
    CompletableFuture<HttpResponse<String>> slow = HTTP.sendAsync(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/v1/claims")).header("Authorization", TestKeys.ALL_BEARER)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(claim("SLOW" + CODES.incrementAndGet()))).build(),
        HttpResponse.BodyHandlers.ofString());
    Thread.sleep(200);
    String code = "Q" + CODES.incrementAndGet();
    HttpResponse<String> queued = send("POST", "/v1/claims", "application/json", bytes(claim(code)));
    assertThat(queued.statusCode()).as(queued.body()).isEqualTo(503);
    assertThat(Json.mapper().readTree(queued.body()).path("detail").asText()).contains("was not run")
        .contains("nothing of it was done");
    assertThat(slow.get().statusCode()).isEqualTo(503);
    Thread.sleep(SLOW_MILLIS);
    HttpResponse<String> read = send("GET", "/v1/claims/" + code, "application/json", new byte[0]);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(404);
  }

  /**
   * Issue 15 §1: the request log said 200 for a request that never got an answer; now a request
   * whose client went away first is logged with no status.
   */
  @Test
  void requestLog_clientGoneBeforeTheAnswer_logsNoStatus() throws Exception {
    Lines lines = Lines.attach();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      byte[] body = claim("SLOW" + CODES.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/claims HTTP/1.1\r\nHost: x\r\nAuthorization: " + TestKeys.ALL_BEARER
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      Thread.sleep(150);
    } finally {
      try {
        JsonNode line = lines.await("/v1/claims");
        assertThat(line.path("status").isNull()).as(line.toString()).isTrue();
        assertThat(line.path("complete").asBoolean()).isFalse();
      } finally {
        lines.detach();
        Thread.sleep(SLOW_MILLIS);
      }
    }
  }

  /** Collects the arbiter.request log lines as JSON. */
  private static final class Lines extends AppenderBase<ILoggingEvent> {
    private final List<JsonNode> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final JsonLineEncoder encoder = new JsonLineEncoder();
    private final Logger logger = (Logger) LoggerFactory.getLogger("arbiter.request");

    static Lines attach() {
      Lines lines = new Lines();
      lines.start();
      lines.logger.addAppender(lines);
      lines.logger.setLevel(Level.INFO);
      return lines;
    }

    void detach() {
      logger.detachAppender(this);
      logger.setLevel(null);
    }

    @Override
    protected void append(ILoggingEvent event) {
      try {
        lines.add(Json.mapper().readTree(new String(encoder.encode(event), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** The first line of a path, waiting up to 5 s for it. */
    JsonNode await(String path) throws InterruptedException {
      for (int i = 0; i < 250; i++) {
        for (JsonNode line : lines) {
          if (path.equals(line.path("path").asText())) {
            return line;
          }
        }
        Thread.sleep(20);
      }
      throw new AssertionError("no request line for " + path + " in " + lines);
    }
  }
}
