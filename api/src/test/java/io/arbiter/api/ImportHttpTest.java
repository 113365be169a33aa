package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /v1/insurees:import} over an engine on an H2 file database with the test scheme
 * (scheme.json: product PRD, family F1 with insurees 111–113 on POL1). Each test imports rows of
 * its own, so the shared database does not couple them.
 */
class ImportHttpTest {
  private static final String PATH = "/v1/insurees:import";
  /** Far below the bodies sent here: the import's body must be streamed, not held to a limit. */
  private static final long BODY_LIMIT = 64 << 10;

  @TempDir
  static Path dir;
  private static TestServer server;
  private static Vertx vertx;
  private static JdbcStore store;
  private static WebClient client;
  private static int port;

  @BeforeAll
  static void start() throws IOException {
    store = JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("db").toString())));
    SchemeDocument scheme;
    try (InputStream in = ImportHttpTest.class.getResourceAsStream("/scheme.json")) {
      scheme = Json.mapper().readValue(in, SchemeDocument.class);
    }
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme).store(store).build();
    server = TestServer.start(arbiter, null, TestServer.options().setBodyLimit(BODY_LIMIT)
        .setSchemeBodyLimit(BODY_LIMIT));
    vertx = server.vertx();
    port = server.port();
    client = server.webClient();
  }

  @AfterAll
  static void stop() {
    server.close();
    store.close();
  }

  @Test
  void ndjson_200SummaryWithBadRowsByLine_goodRowsAdjudicated() {
    String body = String.join("\n",
        "{\"type\": \"family\", \"id\": \"NF1\", \"headChfId\": \"N11\"}",
        "{\"type\": \"insuree\", \"chfId\": \"N11\", \"familyId\": \"NF1\", \"gender\": \"F\", \"dob\": \"1990-01-01\"}",
        "{\"type\": \"insuree\", \"chfId\": \"N12\", \"familyId\": \"NF9\", \"gender\": \"F\", \"dob\": \"1990-01-01\"}",
        "{\"type\": \"policy\", \"id\": \"NP1\", \"familyId\": \"NF1\", \"productCode\": \"PRD\", \"stage\": \"R\","
            + " \"status\": 2, \"effectiveDate\": \"2026-01-01\", \"expiryDate\": \"2026-12-31\"}",
        "{\"type\": \"membership\", \"chfId\": \"N11\", \"policyId\": \"NP1\", \"effectiveDate\": \"2026-01-01\"}",
        "not json");

    Answer answer = post("application/x-ndjson", body);

    assertThat(answer.status).as(answer.text).isEqualTo(200);
    assertThat(answer.contentType).isEqualTo("application/json");
    assertThat(answer.json.get("format").asText()).isEqualTo("NDJSON");
    assertThat(answer.json.at("/rows/read").asLong()).isEqualTo(6);
    assertThat(answer.json.at("/rows/imported").asLong()).isEqualTo(4);
    assertThat(answer.json.at("/rows/rejected").asLong()).isEqualTo(2);
    assertThat(answer.json.at("/insurees/rejected").asLong()).isEqualTo(1);
    assertThat(answer.json.at("/errors/0/line").asLong()).isEqualTo(3);
    assertThat(answer.json.at("/errors/0/field").asText()).isEqualTo("familyId");
    assertThat(answer.json.at("/errors/1/line").asLong()).isEqualTo(6);
    assertThat(answer.json.at("/errors/1/field").asText()).isEmpty();
    assertThat(answer.json.at("/errors/1/reason").asText()).startsWith("is not JSON");
    assertThat(answer.json.has("elapsedMillis")).isTrue();
    assertThat(answer.json.has("rowsPerSecond")).isTrue();
    assertThat(claimStatus("N11", "NC1")).as("the imported insuree is adjudicated").isEqualTo(4);
  }

  @Test
  void csv_200SummaryAndRowsLand() {
    String body = "familyId,chfId,gender,dob,policyId,productCode,stage,status,effectiveDate,expiryDate\r\n"
        + "CF1,C11,M,1980-01-01,CP1,PRD,R,2,2026-01-01,2026-12-31\r\n"
        + "CF1,C12,F,1982-01-01,CP1,PRD,R,2,2026-01-01,2026-12-31\r\n"
        + "CF1,C13,F,1982-01-01,CP1,NOPE,R,2,2026-01-01,2026-12-31\r\n";

    Answer answer = post("text/csv; charset=utf-8", body);

    assertThat(answer.status).as(answer.text).isEqualTo(200);
    assertThat(answer.json.get("format").asText()).isEqualTo("CSV");
    assertThat(answer.json.at("/rows/imported").asLong()).isEqualTo(2);
    assertThat(answer.json.at("/errors/0/line").asLong()).isEqualTo(4);
    assertThat(answer.json.at("/errors/0/field").asText()).isEqualTo("productCode");
    assertThat(claimStatus("C12", "CC1")).isEqualTo(4);
  }

  @Test
  void bodyFarOverTheOtherRoutesLimits_streamedAndImported() {
    StringBuilder body = new StringBuilder("{\"type\": \"family\", \"id\": \"BF1\"}\n");
    int insurees = 5_000;
    for (int i = 0; i < insurees; i++) {
      body.append("{\"type\": \"insuree\", \"chfId\": \"BIG").append(i)
          .append("\", \"familyId\": \"BF1\", \"gender\": \"M\", \"dob\": \"2001-01-01\"}\n");
    }
    assertThat(body.length()).isGreaterThan(4 * (int) BODY_LIMIT);

    Answer answer = post("application/x-ndjson", body.toString());

    assertThat(answer.status).as(answer.text).isEqualTo(200);
    assertThat(answer.json.at("/rows/imported").asLong()).isEqualTo(insurees + 1);
  }

  @Test
  void chunkedUploadExpectingContinue_isAnsweredWhileTheBodyIsWritten() throws Exception {
    HttpClient http = vertx.createHttpClient();
    try {
      HttpClientRequest request = http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
          .setPort(port).setURI(PATH).putHeader("Authorization", TestKeys.ALL_BEARER)).await();
      request.setChunked(true).putHeader("Content-Type", "application/x-ndjson").putHeader("Expect", "100-continue");
      request.continueHandler(v -> {
        request.write("{\"type\": \"family\", \"id\": \"XF1\"}\n");
        request.write("{\"type\": \"insuree\", \"chfId\": \"X11\", \"familyId\": \"XF1\", ");
        request.end("\"gender\": \"M\", \"dob\": \"2001-01-01\"}\n");
      });
      request.sendHead();
      AtomicInteger status = new AtomicInteger();
      // The body must be asked for on the event loop, before the response can end.
      Buffer body = request.response().compose(response -> {
        status.set(response.statusCode());
        return response.body();
      }).await(20, TimeUnit.SECONDS);

      assertThat(status.get()).as(body.toString()).isEqualTo(200);
      assertThat(Json.mapper().readTree(body.getBytes()).at("/rows/imported").asLong()).isEqualTo(2);
    } finally {
      http.close().await();
    }
  }

  @Test
  void clientGoneMidUpload_importEndsAndTheNextOneRuns() throws Exception {
    HttpClient http = vertx.createHttpClient();
    try {
      HttpClientRequest request = http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
          .setPort(port).setURI(PATH).putHeader("Authorization", TestKeys.ALL_BEARER)).await();
      request.setChunked(true).putHeader("Content-Type", "application/x-ndjson").exceptionHandler(e -> { });
      request.write("{\"type\": \"family\", \"id\": \"GF1\"}\n").await(20, TimeUnit.SECONDS);
      Thread.sleep(200);
      request.connection().close().await(20, TimeUnit.SECONDS);
    } finally {
      http.close().await();
    }

    Answer next = post("application/x-ndjson", "{\"type\": \"family\", \"id\": \"GF2\"}");

    assertThat(next.status).as("the import worker is free again").isEqualTo(200);
    assertThat(store.population(null).family("GF1")).as("the cut batch was never committed").isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "text/plain", "text/csv; charset=iso-8859-1"})
  void otherMediaTypes_415(String contentType) {
    Answer answer = post(contentType, "familyId,chfId\nF,1\n");
    assertProblem(answer, 415, "urn:arbiter:problem:unsupported-media-type");
    assertThat(answer.json.get("detail").asText()).contains("application/x-ndjson or text/csv", contentType);
  }

  @Test
  void noContentType_415() {
    assertProblem(send(HttpMethod.POST, PATH, null, "x"), 415, "urn:arbiter:problem:unsupported-media-type");
  }

  @Test
  void unreadableBody_400ProblemAndNothingImported() {
    Answer badHeader = post("text/csv", "family,insuree\nUF1,U11\n");
    assertProblem(badHeader, 400, "urn:arbiter:problem:invalid-request");
    assertThat(badHeader.json.get("detail").asText()).startsWith("the CSV header names the unknown column 'family'");

    Answer garbage = post("application/x-ndjson", "\u0000\u0001binary\n<html>\n");
    assertProblem(garbage, 400, "urn:arbiter:problem:invalid-request");
    assertThat(garbage.json.at("/errors/1/detail").asText()).startsWith("line 2: is not JSON");

    assertProblem(post("application/x-ndjson", ""), 400, "urn:arbiter:problem:invalid-request");
  }

  @Test
  void otherMethod_405AllowingPost() {
    Answer answer = send(HttpMethod.GET, PATH, null, null);
    assertProblem(answer, 405, "urn:arbiter:problem:method-not-allowed");
    assertThat(answer.headers.get("Allow")).isEqualTo("POST");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/insureesX", "/v1/insurees:export", "/v1/insurees:import/", "/x/v1/insurees:import",
      "/v1/insurees%3Aimport"})
  void neighbouringPaths_404(String path) {
    assertProblem(send(HttpMethod.POST, path, "text/csv", "familyId,chfId\n"), 404,
        "urn:arbiter:problem:not-found");
  }

  @Test
  void balanceRoute_unaffected() {
    assertThat(send(HttpMethod.GET, "/v1/insurees/111/balance?date=2026-06-01", null, null).status).isEqualTo(200);
  }

  @Test
  void openApi_documentsTheImport() {
    Answer spec = send(HttpMethod.GET, "/openapi.yaml", null, null);
    assertThat(spec.text).contains("/v1/insurees:import:", "application/x-ndjson", "text/csv", "ImportSummary");
  }

  @Test
  void inMemoryEngine_501() {
    try (TestServer other = TestServer.start(TestServer.arbiter("/scheme.json"))) {
      HttpResponse<Buffer> response = other.webClient().post(other.port(), "127.0.0.1", PATH)
          .putHeader("Authorization", TestKeys.ALL_BEARER).putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer("familyId,chfId\nMF1,M11\n")).await();
      assertThat(response.statusCode()).isEqualTo(501);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(response.bodyAsJsonObject().getString("type")).as("issue 15 §2: typed, not about:blank")
          .isEqualTo("urn:arbiter:problem:not-implemented");
    }
  }

  // ---- helpers ----

  /** The status of a one-consultation claim of the insuree at HF1 on 2026-06-01. */
  private static int claimStatus(String chfId, String code) {
    String claim = "{\"code\": \"" + code + "\", \"chfId\": \"" + chfId + "\", \"healthFacility\": \"HF1\","
        + " \"dateFrom\": \"2026-06-01\", \"dateClaimed\": \"2026-06-01\", \"icd\": \"A00\","
        + " \"services\": [{\"serviceCode\": \"CONS\", \"qtyProvided\": 1, \"priceAsked\": 100}]}";
    Answer answer = send(HttpMethod.POST, "/v1/claims", "application/json", claim);
    assertThat(answer.status).as(answer.text).isEqualTo(201);
    return answer.json.get("status").asInt();
  }

  private static void assertProblem(Answer answer, int status, String type) {
    assertThat(answer.status).as(answer.text).isEqualTo(status);
    assertThat(answer.contentType).isEqualTo(ProblemDetails.MEDIA_TYPE);
    assertThat(answer.json.get("type").asText()).isEqualTo(type);
    assertThat(answer.json.get("detail").asText()).isNotBlank();
  }

  private record Answer(int status, io.vertx.core.MultiMap headers, String contentType, String text, JsonNode json) {}

  private static Answer post(String contentType, String body) {
    return send(HttpMethod.POST, PATH, contentType, body);
  }

  private static Answer send(HttpMethod method, String path, String contentType, String body) {
    HttpRequest<Buffer> request = client.request(method, port, "127.0.0.1", path).putHeader("Authorization", TestKeys.ALL_BEARER);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    HttpResponse<Buffer> response = (body == null ? request.send()
        : request.sendBuffer(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)))).await();
    String text = response.bodyAsString() == null ? "" : response.bodyAsString();
    String type = response.getHeader("Content-Type");
    JsonNode json = null;
    if (type != null && type.contains("json")) {
      try {
        json = Json.mapper().readTree(text);
      } catch (IOException e) {
        throw new UncheckedIOException(text, e);
      }
    }
    return new Answer(response.statusCode(), response.headers(), type, text, json);
  }
}
