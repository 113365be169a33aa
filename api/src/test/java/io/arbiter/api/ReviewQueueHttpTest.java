package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /v1/review-queue} over a real engine scored by {@link AmountRiskScorer} (a line's
 * risk grows with the amount it asks), and the reviewer page's static files. The claims below are
 * submitted once; tests that change the queue use claims of their own, outside the others' filters.
 */
class ReviewQueueHttpTest {
  static final String TOKEN = TestKeys.token(io.arbiter.access.Role.REVIEWER);

  private static TestServer server;
  private static WebClient client;
  private static int port;

  @BeforeAll
  static void start() throws IOException {
    server = startServer();
    port = server.port();
    client = server.webClient();
    // score 0.9, HF2, claimed 2026-06-10
    submit(claim("Q-HIGH", "111", "HF2", "2026-06-10", "CONS", 1, 900));
    // score 0.75, HF1, claimed on the day the date tests start from
    submit(claim("Q-MID", "112", "HF1", "2026-06-01", "CONS", 1, 300));
    // score 0.5, HF1, claimed on the day the date tests end at
    submit(claim("Q-LOW", "113", "HF1", "2026-06-30", "CONS", 1, 100));
    // score 0.09: pass band, idle, so not in the queue
    submit(claim("Q-PASS", "111", "HF1", "2026-06-15", "PARA", 1, 10));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * Starts a server on a free port over the test scheme with a second facility HF2, scored by
   * {@link AmountRiskScorer}, with the keys of {@link TestKeys}.
   */
  /** A server over the test scheme with a second facility (HF2) and claims scored by amount. */
  static TestServer startServer() throws IOException {
    ObjectNode scheme;
    try (InputStream in = ReviewQueueHttpTest.class.getResourceAsStream("/scheme.json")) {
      scheme = (ObjectNode) Json.mapper().readTree(in);
    }
    ArrayNode facilities = (ArrayNode) scheme.get("healthFacilities");
    facilities.add(((ObjectNode) facilities.get(0)).deepCopy().put("code", "HF2").put("name", "District hospital"));
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath())
        .scheme(Json.mapper().treeToValue(scheme, SchemeDocument.class)).scorer(new AmountRiskScorer()).build();
    return TestServer.start(arbiter, null, TestServer.options());
  }

  /** A claim with one line, care on 2026-06-01. */
  static ObjectNode claim(String code, String chfId, String facility, String dateClaimed, String lineCode, int qty,
      int price) {
    ObjectNode claim = Json.mapper().createObjectNode().put("code", code).put("chfId", chfId)
        .put("healthFacility", facility).put("dateFrom", "2026-06-01").put("dateClaimed", dateClaimed).put("icd", "A00");
    boolean item = lineCode.equals("PARA") || lineCode.equals("AMOX");
    claim.putArray(item ? "items" : "services").addObject().put(item ? "itemCode" : "serviceCode", lineCode)
        .put("qtyProvided", qty).put("priceAsked", price);
    return claim;
  }

  private static void submit(ObjectNode claim) {
    Answer answer = send(HttpMethod.POST, "/v1/claims", "Bearer " + TestKeys.token(io.arbiter.access.Role.BACKEND),
        claim.toString());
    assertThat(answer.status).as(answer.text).isEqualTo(201);
  }

  // ---- the queue ----

  @Test
  void reviewQueue_riskiestFirstWithTheEntryFieldsAndThePassBandLeftOut() {
    Answer answer = queue("");
    assertThat(answer.status).as(answer.text).isEqualTo(200);
    assertThat(codes(answer)).containsExactly("Q-HIGH", "Q-MID", "Q-LOW");
    assertThat(answer.json.get("total").asLong()).isEqualTo(3);
    assertThat(answer.json.get("page").asInt()).isEqualTo(1);
    assertThat(answer.json.get("size").asInt()).isEqualTo(ReviewHandlers.DEFAULT_QUEUE_PAGE_SIZE);
    JsonNode high = answer.json.at("/claims/0");
    assertThat(high.get("chfId").asText()).isEqualTo("111");
    assertThat(high.get("healthFacility").asText()).isEqualTo("HF2");
    assertThat(high.get("dateFrom").asText()).isEqualTo("2026-06-01");
    assertThat(high.get("dateClaimed").asText()).isEqualTo("2026-06-10");
    assertThat(high.get("claimed").decimalValue()).isEqualByComparingTo("900");
    assertThat(high.get("score").asDouble()).isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(high.get("valueAtStake").decimalValue()).as("p 0.9 × approved 100: the rules brought 900 down to the list price")
        .isEqualByComparingTo("90.00");
    assertThat(high.get("band").asText()).isEqualTo("review");
    assertThat(high.get("reviewStatus").asInt()).as("selected at submit by its band").isEqualTo(4);
    assertThat(high.get("reasons")).extracting(JsonNode::asText).containsExactly("asks 900 for CONS");
  }

  @Test
  void reviewQueue_fromAndToIncludeTheirOwnDays() {
    assertThat(codes(queue("?from=2026-06-01&to=2026-06-30"))).containsExactly("Q-HIGH", "Q-MID", "Q-LOW");
    assertThat(codes(queue("?from=2026-06-02"))).containsExactly("Q-HIGH", "Q-LOW");
    assertThat(codes(queue("?to=2026-06-29"))).containsExactly("Q-HIGH", "Q-MID");
    assertThat(codes(queue("?from=2026-06-10&to=2026-06-10"))).containsExactly("Q-HIGH");
  }

  @Test
  void reviewQueue_facilityAndBandFilters() {
    assertThat(codes(queue("?healthFacility=HF1"))).containsExactly("Q-MID", "Q-LOW");
    assertThat(codes(queue("?healthFacility=HF2&band=review"))).containsExactly("Q-HIGH");
    assertThat(codes(queue("?band=pass"))).as("an idle claim in the pass band awaits nobody").isEmpty();
  }

  @Test
  void reviewQueue_pagesOfTwoCoverTheQueueOnce() {
    Answer first = queue("?size=2&page=1");
    Answer second = queue("?size=2&page=2");
    Answer past = queue("?size=2&page=3");
    assertThat(codes(first)).containsExactly("Q-HIGH", "Q-MID");
    assertThat(codes(second)).containsExactly("Q-LOW");
    assertThat(codes(past)).isEmpty();
    assertThat(List.of(first, second, past)).allSatisfy(a -> assertThat(a.json.get("total").asLong()).isEqualTo(3));
    assertThat(queue("?size=100").status).isEqualTo(200);
  }

  @Test
  void reviewQueue_deliveredReviewLeavesTheQueue() {
    submit(claim("Q-DONE", "112", "HF2", "2026-08-01", "CONS", 1, 400));
    assertThat(codes(queue("?from=2026-08-01&to=2026-08-01"))).containsExactly("Q-DONE");
    Answer reviewed = send(HttpMethod.POST, "/v1/claims/Q-DONE/review", "Bearer " + TOKEN,
        "{\"services\": [{\"lineNo\": 1, \"priceApproved\": 100, \"justification\": \"price list\"}]}");
    assertThat(reviewed.status).as(reviewed.text).isEqualTo(200);
    assertThat(codes(queue("?from=2026-08-01&to=2026-08-01"))).isEmpty();
  }

  @Test
  void reviewQueue_batchFilterListsTheBatchsDrawnClaimsOnly() {
    // Pass-band claims are idle, so only the batch's draw puts them in the queue; the batch's filter
    // is on the dates of care, which no other claim here has.
    submit(claim("Q-B1", "111", "HF1", "2026-09-01", "PARA", 1, 10).put("dateFrom", "2026-09-01"));
    submit(claim("Q-B2", "112", "HF1", "2026-09-01", "PARA", 1, 10).put("dateFrom", "2026-09-01"));
    Answer created = send(HttpMethod.POST, "/v1/sampling-batches", "Bearer " + TOKEN,
        "{\"filter\": {\"dateFrom\": \"2026-09-01\", \"dateTo\": \"2026-09-01\"}, \"percentage\": 50, \"seed\": 1}");
    assertThat(created.status).as(created.text).isEqualTo(201);
    String id = created.json.get("id").asText();
    String drawn = created.json.findValues("claims").get(0).findParents("sampled").stream()
        .filter(m -> m.get("sampled").asBoolean()).map(m -> m.get("code").asText()).findFirst().orElseThrow();
    // In the review band, so queued at submit, on the batch's day but drawn after it: not in the batch.
    submit(claim("Q-BOUT", "113", "HF1", "2026-09-01", "CONS", 1, 300));
    assertThat(codes(queue("?from=2026-09-01&to=2026-09-01"))).containsExactlyInAnyOrder(drawn, "Q-BOUT");
    assertThat(codes(queue("?batch=" + id))).containsExactly(drawn);
    assertThat(codes(queue("?batch=" + id + "&band=review"))).as("a pass-band claim").isEmpty();
    assertThat(codes(queue("?batch=no-such-batch"))).isEmpty();
    // Leave the shared queue as the other tests expect it.
    for (String code : List.of(drawn, "Q-BOUT")) {
      boolean item = !code.equals("Q-BOUT");
      Answer reviewed = send(HttpMethod.POST, "/v1/claims/" + code + "/review", "Bearer " + TOKEN, "{\"" + (item ? "items" : "services")
          + "\": [{\"lineNo\": 1, \"priceApproved\": " + (item ? 10 : 300) + "}]}");
      assertThat(reviewed.status).as(reviewed.text).isEqualTo(200);
    }
    assertThat(codes(queue("?from=2026-09-01&to=2026-09-01"))).isEmpty();
  }

  @Test
  void reviewQueue_withoutToken_401ProblemWithBearerChallenge() {
    Answer answer = send(HttpMethod.GET, "/v1/review-queue", null, null);
    assertProblem(answer, 401, "urn:arbiter:problem:unauthorized");
    assertThat(answer.headers.get("WWW-Authenticate")).startsWith("Bearer");
    assertThat(answer.text).doesNotContain("Q-HIGH");
  }

  @ParameterizedTest
  @CsvSource({"Bearer wrong-token", "Bearer", "Basic dGVzdDp0ZXN0", "test-reviewer-token", "Bearer test-reviewer-tokenX"})
  void reviewQueue_wrongAuthorization_401(String authorization) {
    assertProblem(send(HttpMethod.GET, "/v1/review-queue", authorization, null), 401,
        "urn:arbiter:problem:unauthorized");
  }

  @Test
  void reviewQueue_bearerSchemeInAnyCase_200() {
    assertThat(send(HttpMethod.GET, "/v1/review-queue", "bearer " + TOKEN, null).status).isEqualTo(200);
  }

  @Test
  void reviewQueue_backendKey_403Problem() {
    Answer answer = send(HttpMethod.GET, "/v1/review-queue", "Bearer " + TestKeys.token(io.arbiter.access.Role.BACKEND),
        null);
    assertProblem(answer, 403, "urn:arbiter:problem:forbidden");
    assertThat(answer.text).doesNotContain("Q-HIGH");
  }

  @Test
  void reviewQueue_trailingSlashWithBackendKey_403() {
    assertThat(send(HttpMethod.GET, "/v1/review-queue/", "Bearer " + TestKeys.token(io.arbiter.access.Role.BACKEND),
        null).status).isEqualTo(403);
    assertThat(send(HttpMethod.GET, "//v1//review-queue", "Bearer " + TestKeys.token(io.arbiter.access.Role.BACKEND),
        null).status).isIn(403, 404);
  }

  @Test
  void reviewQueue_serverWithoutKeys_refusesEveryone() throws IOException {
    try (TestServer other = TestServer.start(TestServer.arbiter("/scheme.json"), null,
        new ArbiterServerOptions().setHost(TestServer.HOST).setPort(0))) {
      HttpResponse<Buffer> response = other.webClient().get(other.port(), "127.0.0.1", "/v1/review-queue")
          .putHeader("Authorization", "Bearer " + TOKEN).send().await();
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.bodyAsString()).contains("no keys are configured");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "?page=0|page", "?page=x|page", "?size=0|size", "?size=101|size", "?size=-1|size",
      "?from=2026-13-01|from", "?to=yesterday|to", "?from=2026-06-02&to=2026-06-01|to", "?band=high|band",
      "?healthFacility=|healthFacility", "?batch=|batch", "?status=4|status", "?band=review&band=pass|band"})
  void reviewQueue_badParameter_400NamingIt(String query, String field) {
    Answer answer = queue(query);
    assertProblem(answer, 400, "urn:arbiter:problem:invalid-request");
    assertThat(answer.json.get("errors").findValuesAsText("field")).containsExactly(field);
  }

  @Test
  void reviewQueue_severalBadParameters_400NamingEach() {
    Answer answer = queue("?page=0&size=1000&band=x");
    assertProblem(answer, 400, "urn:arbiter:problem:invalid-request");
    assertThat(answer.json.get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("page", "size", "band");
  }

  @Test
  void claim_showsEachLinesRuleExplanationAndModelReasons() {
    Answer answer = send(HttpMethod.GET, "/v1/claims/Q-HIGH", "Bearer " + TOKEN, null);
    JsonNode line = answer.json.at("/services/0");
    assertThat(line.get("rule").asText()).isNotBlank();
    assertThat(line.get("explanation").asText()).isNotBlank();
    assertThat(line.at("/risk/probability").asDouble()).isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(line.at("/risk/reasons/0").asText()).isEqualTo("asks 900 for CONS");
    assertThat(answer.json.at("/risk/band").asText()).isEqualTo("review");
  }

  @Test
  void openApi_documentsTheQueueAndTheUnauthorizedProblem() {
    Answer spec = send(HttpMethod.GET, "/openapi.yaml", null, null);
    assertThat(spec.text).contains("/v1/review-queue:", "urn:arbiter:problem:unauthorized", "ReviewQueueEntry:",
        "urn:arbiter:problem:forbidden", "bearer:", "x-roles: [reviewer]");
  }

  // ---- the page ----

  @Test
  void reviewPage_servedWithAStrictContentSecurityPolicy() {
    Answer page = send(HttpMethod.GET, "/review/", null, null);
    assertThat(page.status).isEqualTo(200);
    assertThat(page.headers.get("Content-Type")).startsWith("text/html");
    assertThat(page.headers.get("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe");
    assertThat(page.text).doesNotContain("Q-HIGH").doesNotContain("<script>").doesNotContain("style=");
    Answer script = send(HttpMethod.GET, "/review/review.js", null, null);
    assertThat(script.status).isEqualTo(200);
    assertThat(script.headers.get("Content-Type")).contains("javascript");
  }

  @Test
  void reviewPage_withoutSlash_redirectsToTheFolder() {
    Answer answer = send(HttpMethod.GET, "/review", null, null);
    assertThat(answer.status).isEqualTo(302);
    assertThat(answer.headers.get("Location")).isEqualTo("/review/");
  }

  // ---- helpers ----

  private static Answer queue(String query) {
    return send(HttpMethod.GET, "/v1/review-queue" + query, "Bearer " + TOKEN, null);
  }

  private static List<String> codes(Answer answer) {
    assertThat(answer.status).as(answer.text).isEqualTo(200);
    List<String> codes = new ArrayList<>();
    answer.json.get("claims").forEach(c -> codes.add(c.get("code").asText()));
    return codes;
  }

  private static void assertProblem(Answer answer, int status, String type) {
    assertThat(answer.status).as(answer.text).isEqualTo(status);
    assertThat(answer.contentType).isEqualTo("application/problem+json");
    assertThat(answer.json.get("type").asText()).isEqualTo(type);
    assertThat(answer.json.get("status").asInt()).isEqualTo(status);
    assertThat(answer.json.get("detail").asText()).isNotBlank();
  }

  private record Answer(int status, io.vertx.core.MultiMap headers, String contentType, String text, JsonNode json) {}

  private static Answer send(HttpMethod method, String path, String authorization, String body) {
    HttpRequest<Buffer> request = client.request(method, port, "127.0.0.1", path);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    if (body != null) {
      request.putHeader("Content-Type", "application/json");
    }
    HttpResponse<Buffer> response = (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body))).await();
    String text = response.bodyAsString() == null ? "" : response.bodyAsString();
    String type = response.getHeader("Content-Type");
    JsonNode json = null;
    if (type != null && type.contains("json")) {
      try {
        json = Json.mapper().readTree(text);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(text, e);
      }
    }
    return new Answer(response.statusCode(), response.headers(), type, text, json);
  }
}
