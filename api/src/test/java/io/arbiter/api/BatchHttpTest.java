package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.access.Role;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/claims:batch} over an in-memory engine with the test scheme (scheme.json: family
 * F1 with insurees 111–113 on POL1 of product PRD; the blood test LAB has a frequency of 30 days).
 * Claim codes carry a prefix per test, so the shared engine does not couple the tests.
 */
class BatchHttpTest {
  private static final String PATH = "/v1/claims:batch";
  private static final String NDJSON = "application/x-ndjson";
  private static final AtomicInteger DAYS = new AtomicInteger();

  private static TestServer server;
  private static Vertx vertx;
  private static Arbiter arbiter;
  private static WebClient client;
  private static int port;

  @BeforeAll
  static void start() throws IOException {
    SchemeDocument scheme;
    try (InputStream in = BatchHttpTest.class.getResourceAsStream("/scheme.json")) {
      scheme = Json.mapper().readValue(in, SchemeDocument.class);
    }
    arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme).build();
    server = TestServer.start(arbiter);
    vertx = server.vertx();
    port = server.port();
    client = server.webClient();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void batch_answersOneLinePerClaimInInputOrder() {
    List<String> codes = IntStream.range(0, 200).mapToObj(i -> "ORD-" + i).toList();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < codes.size(); i++) {
      body.append(claim(codes.get(i), List.of("111", "112", "113").get(i % 3), "2026-03-01", "PARA")).append('\n');
    }

    Answer answer = post(body.toString(), TestKeys.token(Role.BACKEND));

    assertThat(answer.status).as(answer.text).isEqualTo(200);
    assertThat(answer.contentType).isEqualTo(NDJSON);
    assertThat(answer.lines).extracting(l -> l.get("code").asText()).containsExactlyElementsOf(codes);
    assertThat(answer.lines).allSatisfy(l -> assertThat(l.get("rulesetVersion").asText()).isNotEmpty());
    assertThat(arbiter.claims().decision("ORD-199")).as("stored before answered").isPresent();
  }

  @Test
  void badLineInTheMiddle_problemWithIndexAndFieldAndTheBatchGoesOn() {
    String body = claim("MID-0", "111", "2026-04-01", "PARA") + "\n"
        + "{not json\n"
        + claim("MID-2", "999", "2026-04-01", "PARA") + "\n"
        + "\n"
        + claim("MID-4", "112", "2026-04-01", "PARA").replace("\"qtyProvided\":1", "\"qtyProvided\":\"abc\"") + "\n"
        + claim("MID-5", "113", "2026-04-01", "PARA") + "\r\n";

    Answer answer = post(body, TestKeys.ALL);

    assertThat(answer.status).as(answer.text).isEqualTo(200);
    assertThat(answer.lines).hasSize(6);
    assertThat(answer.lines.get(0).get("code").asText()).isEqualTo("MID-0");
    assertProblemLine(answer.lines.get(1), 1, 400, "");
    assertProblemLine(answer.lines.get(2), 2, 422, "/chfId");
    assertProblemLine(answer.lines.get(3), 3, 400, "");
    assertThat(answer.lines.get(4).get("index").asInt()).isEqualTo(4);
    assertThat(answer.lines.get(4).at("/errors/0/field").asText()).contains("qtyProvided");
    assertThat(answer.lines.get(5).get("code").asText()).isEqualTo("MID-5");
    assertThat(arbiter.claims().decision("MID-2")).isEmpty();
  }

  @Test
  void emptyBody_200AndNoLines() {
    Answer answer = post("", TestKeys.ALL);

    assertThat(answer.status).as(answer.text).isEqualTo(200);
    assertThat(answer.text).isEmpty();
  }

  @Test
  void lineLongerThanTheBodyLimit_refusedAndTheNextLineStillRead() {
    String longLine = claim("LONG-0", "111", "2026-05-01", "PARA").replace("\"icd\"",
        "\"padding\":\"" + "x".repeat((int) ArbiterServerOptions.DEFAULT_BODY_LIMIT) + "\",\"icd\"");

    Answer answer = post(longLine + "\n" + claim("LONG-1", "111", "2026-05-01", "PARA") + "\n", TestKeys.ALL);

    assertThat(answer.lines).hasSize(2);
    assertProblemLine(answer.lines.get(0), 0, 400, "");
    assertThat(answer.lines.get(0).at("/errors/0/detail").asText()).contains("at most");
    assertThat(answer.lines.get(1).get("code").asText()).isEqualTo("LONG-1");
  }

  /**
   * Each insuree's blood tests, 3 days apart, alternate between insurees: the 30-day frequency
   * lets exactly the first of each insuree's pass, as in input order, however the lanes run.
   */
  @Test
  void sameInsureeInOneBatch_seesItsEarlierClaimsAsInInputOrder() {
    int rounds = 9;
    int base = 200 + 40 * DAYS.incrementAndGet();
    StringBuilder body = new StringBuilder();
    for (int r = 0; r < rounds; r++) {
      for (String chfId : List.of("111", "112", "113")) {
        body.append(claimOfService("FRQ-" + base + "-" + chfId + "-" + r, chfId, day(base + 3 * r), "LAB"))
            .append('\n');
      }
    }

    Answer answer = post(body.toString(), TestKeys.ALL);

    assertThat(answer.lines).hasSize(3 * rounds);
    for (int i = 0; i < answer.lines.size(); i++) {
      JsonNode line = answer.lines.get(i);
      boolean first = i < 3;
      assertThat(line.get("status").asInt()).as(line.get("code").asText()).isEqualTo(first ? 4 : 1);
      if (!first) {
        assertThat(line.at("/services/0/rejectionReason").asInt()).isEqualTo(5);
      }
    }
  }

  @Test
  void largeBatch_20000Claims_allAnsweredInOrder() {
    int n = 20_000;
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < n; i++) {
      body.append(claim("BIG-" + i, List.of("111", "112", "113").get(i % 3), "2026-06-01", "PARA")).append('\n');
    }

    Answer answer = post(body.toString(), TestKeys.ALL);

    assertThat(answer.status).isEqualTo(200);
    assertThat(answer.lines).hasSize(n);
    for (int i = 0; i < n; i += 997) {
      assertThat(answer.lines.get(i).get("code").asText()).isEqualTo("BIG-" + i);
    }
    assertThat(answer.lines.get(n - 1).get("code").asText()).isEqualTo("BIG-" + (n - 1));
  }

  /**
   * The client stops reading the answer: the server must stop adjudicating (its lines in flight are
   * bounded) instead of reading the whole body; once the client reads again, every line arrives.
   */
  @Test
  void clientReadingSlowly_serverPausesThenFinishes() throws Exception {
    int n = 20_000;
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < n; i++) {
      body.append(claim("SLOW-" + i, List.of("111", "112", "113").get(i % 3), "2026-07-01", "PARA")).append('\n');
    }
    HttpClient http = vertx.createHttpClient();
    try {
      HttpClientRequest request = http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
          .setPort(port).setURI(PATH).putHeader("Authorization", TestKeys.ALL_BEARER)
          .putHeader("Content-Type", NDJSON)).await();
      AtomicReference<HttpClientResponse> response = new AtomicReference<>();
      Promise<Void> ended = Promise.promise();
      AtomicInteger received = new AtomicInteger();
      List<String> lastLine = new ArrayList<>(List.of(""));
      request.response().onSuccess(r -> {
        r.pause();
        response.set(r);
        r.handler(chunk -> {
          String text = chunk.toString();
          received.addAndGet((int) text.chars().filter(c -> c == '\n').count());
          lastLine.set(0, lastLine.get(0) + text);
          int cut = lastLine.get(0).lastIndexOf('\n', lastLine.get(0).length() - 2);
          lastLine.set(0, lastLine.get(0).substring(Math.max(0, cut + 1)));
        });
        r.endHandler(v -> ended.complete());
      });
      request.setChunked(true).end(body.toString());

      int stalled = stalledCount("SLOW-", n);

      assertThat(stalled).as("claims decided while the client did not read").isLessThan(n);
      assertThat(received.get()).isZero();
      vertx.runOnContext(v -> response.get().resume());
      ended.future().await(120, TimeUnit.SECONDS);
      assertThat(received.get()).isEqualTo(n);
      assertThat(lastLine.get(0)).contains("\"code\":\"SLOW-" + (n - 1) + "\"");
    } finally {
      http.close().await();
    }
  }

  @Test
  void roles_onlyTheBackendKeySubmitsBatches() {
    String body = claim("ROLE-0", "111", "2026-08-01", "PARA") + "\n";

    assertThat(post(body, TestKeys.token(Role.REVIEWER)).status).isEqualTo(403);
    assertThat(post(body, TestKeys.token(Role.ADMIN)).status).isEqualTo(403);
    assertThat(post(body, null).status).isEqualTo(401);
    assertThat(arbiter.claims().decision("ROLE-0")).isEmpty();
    assertThat(post(body, TestKeys.token(Role.BACKEND)).lines).hasSize(1);
  }

  @Test
  void otherMediaType_415AndOtherMethod_405() {
    HttpResponse<Buffer> json = client.post(port, "127.0.0.1", PATH).putHeader("Authorization", TestKeys.ALL_BEARER)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{}")).await();
    assertThat(json.statusCode()).isEqualTo(415);
    assertThat(json.getHeader("Content-Type")).isEqualTo(ProblemDetails.MEDIA_TYPE);

    HttpResponse<Buffer> get = client.get(port, "127.0.0.1", PATH).putHeader("Authorization", TestKeys.ALL_BEARER)
        .send().await();
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.getHeader("Allow")).isEqualTo("POST");
  }

  /** Waits until the stored count of {@code prefix}0..n-1 stops growing for a second; returns it. */
  private static int stalledCount(String prefix, int n) throws InterruptedException {
    int last = -1;
    for (int tries = 0; tries < 60; tries++) {
      Thread.sleep(1000);
      int now = (int) IntStream.range(0, n).filter(i -> arbiter.claims().decision(prefix + i).isPresent()).count();
      if (now == last && now > 0) {
        return now;
      }
      last = now;
    }
    return last;
  }

  private static void assertProblemLine(JsonNode line, int index, int status, String field) {
    assertThat(line.get("index").asInt()).as(line.toString()).isEqualTo(index);
    assertThat(line.get("status").asInt()).as(line.toString()).isEqualTo(status);
    assertThat(line.at("/errors/0/field").asText()).as(line.toString()).isEqualTo(field);
  }

  private static String day(int dayOfYear) {
    return java.time.LocalDate.ofYearDay(2026, dayOfYear).toString();
  }

  private static String claim(String code, String chfId, String date, String item) {
    ObjectNode claim = base(code, chfId, date);
    claim.putArray("items").addObject().put("itemCode", item).put("qtyProvided", 1).put("priceAsked", 10);
    return claim.toString();
  }

  private static String claimOfService(String code, String chfId, String date, String service) {
    ObjectNode claim = base(code, chfId, date);
    claim.putArray("services").addObject().put("serviceCode", service).put("qtyProvided", 1).put("priceAsked", 150);
    return claim.toString();
  }

  private static ObjectNode base(String code, String chfId, String date) {
    return Json.mapper().createObjectNode().put("code", code).put("chfId", chfId).put("healthFacility", "HF1")
        .put("dateFrom", date).put("dateClaimed", date).put("icd", "A00");
  }

  private record Answer(int status, String contentType, String text, List<JsonNode> lines) {}

  private static Answer post(String body, String token) {
    var request = client.post(port, "127.0.0.1", PATH).putHeader("Content-Type", NDJSON);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    HttpResponse<Buffer> r = request.sendBuffer(Buffer.buffer(body)).await();
    String text = r.bodyAsString() == null ? "" : r.bodyAsString();
    List<JsonNode> lines = r.statusCode() != 200 ? List.of() : text.lines().map(l -> {
      try {
        return Json.mapper().readTree(l);
      } catch (IOException e) {
        throw new UncheckedIOException(l, e);
      }
    }).toList();
    return new Answer(r.statusCode(), r.getHeader("Content-Type"), text, lines);
  }
}
