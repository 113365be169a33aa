package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP API over a real engine and the test scheme (scheme.json: facility HF1, items PARA and
 * AMOX, services CONS and LAB, insurees 111, 112 and 113 covered by POL1 through 2026). The
 * server is shared, so every test submits claims under codes of its own.
 */
class ArbiterServerTest {
  private static final AtomicInteger CODES = new AtomicInteger();
  private static final long SCHEME_BODY_LIMIT = 2L << 20;

  private static TestServer server;
  private static WebClient client;
  private static int port;
  private static byte[] schemeJson;

  @BeforeAll
  static void start() throws IOException {
    schemeJson = resource("/scheme.json");
    Arbiter arbiter = Arbiter.builder()
        .rules(RuleSet.fromClasspath())
        .scheme(Json.mapper().readValue(schemeJson, SchemeDocument.class))
        .build();
    server = TestServer.start(arbiter, null, TestServer.options().setSchemeBodyLimit(SCHEME_BODY_LIMIT));
    port = server.port();
    client = server.webClient();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---- happy path ----

  @Test
  void claimLifecycle_submitGetReviewProcessBalance() {
    ObjectNode claim = claim("113").put("dateFrom", "2026-07-01").put("dateClaimed", "2026-07-02");
    String code = claim.get("code").asText();

    Answer submitted = post("/v1/claims", claim);
    assertThat(submitted.status).isEqualTo(201);
    assertThat(submitted.headers.get("Location")).isEqualTo("/v1/claims/" + code);
    assertThat(submitted.json.get("status").asInt()).isEqualTo(4);
    assertThat(submitted.json.get("claimed").decimalValue()).isEqualByComparingTo("120");

    Answer fetched = get("/v1/claims/" + code);
    assertThat(fetched.status).isEqualTo(200);
    JsonNode withoutLedger = ((ObjectNode) fetched.json).deepCopy().without("ledger");
    assertThat(withoutLedger).isEqualTo(submitted.json);
    assertThat(fetched.json.at("/ledger/state").asText()).isEqualTo("provisional");
    assertThat(fetched.json.at("/ledger/policies/0/remunerated").decimalValue()).isEqualByComparingTo("120");

    Answer reviewed = post("/v1/claims/" + code + "/review",
        "{\"items\": [{\"lineNo\": 1, \"status\": 2, \"justification\": \"not prescribed\"}]}");
    assertThat(reviewed.status).isEqualTo(200);
    assertThat(reviewed.json.get("reviewStatus").asInt()).isEqualTo(8);
    assertThat(reviewed.json.at("/items/0/status").asInt()).isEqualTo(2);
    assertThat(reviewed.json.at("/items/0/rejectionReason").asInt()).isEqualTo(-1);
    assertThat(reviewed.json.get("approved").decimalValue()).isEqualByComparingTo("100");

    Answer processed = post("/v1/claims/" + code + "/process", "");
    assertThat(processed.status).isEqualTo(200);
    assertThat(processed.json.get("status").asInt()).isEqualTo(16);
    assertThat(processed.json.get("valuated").decimalValue()).isEqualByComparingTo("100");
    JsonNode entry = get("/v1/claims/" + code).json.get("ledger");
    assertThat(entry.get("state").asText()).isEqualTo("final");
    assertThat(entry.at("/policies/0/remunerated").decimalValue()).isEqualByComparingTo("100");

    Answer balance = get("/v1/insurees/113/balance?date=2026-07-31");
    assertThat(balance.status).isEqualTo(200);
    assertThat(balance.json.get("date").asText()).isEqualTo("2026-07-31");
    JsonNode consultations = balance.json.at("/policies/0/categories/0");
    assertThat(consultations.get("name").asText()).isEqualTo("maxNoConsultation");
    assertThat(consultations.get("used").asInt()).isEqualTo(1);
    assertThat(consultations.get("left").asInt()).isEqualTo(49);
  }

  @Test
  void postClaim_identicalRepost_200WithStoredDecision() {
    ObjectNode claim = claim("111");
    Answer first = post("/v1/claims", claim);
    Answer again = post("/v1/claims", claim);
    assertThat(first.status).isEqualTo(201);
    assertThat(again.status).isEqualTo(200);
    assertThat(again.json).isEqualTo(first.json);
    assertThat(again.headers.get("Location")).isEqualTo(first.headers.get("Location"));
  }

  @Test
  void postClaim_codeNeedingEscapes_locationIsPercentEncodedAndResolves() {
    ObjectNode claim = claim("111").put("code", "A/B " + CODES.incrementAndGet());
    Answer submitted = post("/v1/claims", claim);
    String location = submitted.headers.get("Location");
    assertThat(location).startsWith("/v1/claims/A%2FB%20");
    assertThat(get(location).json.get("code").asText()).isEqualTo(claim.get("code").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json; charset=utf-8", "application/merge-patch+json", "Application/JSON"})
  void postClaim_jsonMediaTypes_accepted(String contentType) {
    Answer answer = send(HttpMethod.POST, "/v1/claims", contentType, bytes(claim("111")));
    assertThat(answer.status).isEqualTo(201);
  }

  @Test
  void balance_withoutDate_isForToday() {
    Answer balance = get("/v1/insurees/112/balance");
    assertThat(balance.status).isEqualTo(200);
    assertThat(balance.json.get("chfId").asText()).isEqualTo("112");
    assertThat(LocalDate.parse(balance.json.get("date").asText())).isEqualTo(LocalDate.now());
  }

  @Test
  void getScheme_returnsSummary() {
    Answer scheme = get("/v1/scheme");
    assertThat(scheme.status).isEqualTo(200);
    assertThat(scheme.json.get("name").asText()).isEqualTo("api test scheme");
    assertThat(scheme.json.get("version").asText()).startsWith("scheme-");
    assertThat(scheme.json.at("/counts/insurees").asInt()).isEqualTo(3);
    assertThat(scheme.json.at("/settings/careTypeRule").asText()).isEqualTo("MODULAR");
  }

  @Test
  void putScheme_changedDocument_200NewVersionVisibleInHealth() throws IOException {
    String before = get("/v1/scheme").json.get("version").asText();
    ObjectNode renamed = (ObjectNode) Json.mapper().readTree(schemeJson);
    renamed.put("name", "renamed " + CODES.incrementAndGet());

    Answer put = send(HttpMethod.PUT, "/v1/scheme", "application/json", bytes(renamed));

    assertThat(put.status).isEqualTo(200);
    assertThat(put.json.get("name").asText()).isEqualTo(renamed.get("name").asText());
    assertThat(put.json.get("version").asText()).isNotEqualTo(before);
    assertThat(get("/health").json.get("schemeVersion").asText()).isEqualTo(put.json.get("version").asText());
  }

  @Test
  void putScheme_bodyLargerThanTheClaimLimit_accepted() {
    byte[] body = padded(schemeJson, ArbiterServerOptions.DEFAULT_BODY_LIMIT + 1);
    assertThat(send(HttpMethod.PUT, "/v1/scheme", "application/json", body).status).isEqualTo(200);
  }

  @Test
  void health_reportsUpAndVersions() {
    Answer health = get("/health");
    assertThat(health.status).isEqualTo(200);
    assertThat(health.json.get("status").asText()).isEqualTo("UP");
    assertThat(health.json.get("schemeVersion").asText()).isEqualTo(get("/v1/scheme").json.get("version").asText());
    assertThat(health.json.get("rulesetVersion").asText()).matches("drl-[0-9a-f]{12}");
  }

  @Test
  void openApi_servedAsYamlDescribingEveryRoute() {
    Answer spec = get("/openapi.yaml");
    assertThat(spec.status).isEqualTo(200);
    assertThat(spec.contentType).isEqualTo("application/yaml");
    assertThat(spec.text).startsWith("openapi: 3.0").contains("/v1/scheme:", "/v1/claims:", "/v1/claims/{code}:",
        "/v1/claims/{code}/review:", "/v1/claims/{code}/process:", "/v1/insurees/{chfId}/balance:", "/health:",
        "urn:arbiter:problem:malformed-json", "urn:arbiter:problem:invalid-request", "urn:arbiter:problem:not-found",
        "urn:arbiter:problem:method-not-allowed", "urn:arbiter:problem:conflict", "urn:arbiter:problem:payload-too-large",
        "urn:arbiter:problem:unsupported-media-type", "urn:arbiter:problem:refused", "urn:arbiter:problem:invalid-scheme",
        "urn:arbiter:problem:internal-error");
  }

  /** Issue 15 §1: the identifier rule openapi.yaml states is the one the server applies. */
  @Test
  void openApi_identifierPatternIsTheServers() {
    assertThat(get("/openapi.yaml").text).contains("pattern: '" + io.arbiter.input.Identifiers.PATTERN + "'");
  }

  // ---- client errors: each is problem+json naming the offending fields ----

  @ParameterizedTest
  @ValueSource(strings = {"{\"code\": \"X\",", "{\"items\": [}", "{\"items\": [{\"qtyProvided\": 1.2.3}]}", "{'code': 'X'}"})
  void postClaim_malformedJson_400WithTheLine(String body) {
    Answer answer = post("/v1/claims", body);
    assertProblem(answer, 400, "urn:arbiter:problem:malformed-json", "");
    assertThat(answer.json.at("/errors/0/detail").asText()).contains("line 1").doesNotContain("REDACTED");
  }

  @Test
  void postClaim_wrongType_400NamesTheField() {
    ObjectNode claim = claim("111");
    ((ObjectNode) claim.at("/items/0")).put("qtyProvided", "two");
    assertProblem(post("/v1/claims", claim), 400, "urn:arbiter:problem:invalid-request", "/items/0/qtyProvided");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"2026-02-30\"", "\"01/06/2026\"", "20260601", "\"\""})
  void postClaim_badDate_400NamesTheField(String date) throws IOException {
    ObjectNode claim = claim("111");
    claim.set("dateFrom", Json.mapper().readTree(date));
    Answer answer = post("/v1/claims", claim);
    assertProblem(answer, 400, "urn:arbiter:problem:invalid-request", "/dateFrom");
    assertThat(answer.json.at("/errors/0/detail").asText()).isEqualTo("must be a date (YYYY-MM-DD)");
  }

  @Test
  void postClaim_unknownField_400NamesTheField() {
    ObjectNode claim = claim("111");
    ((ObjectNode) claim.at("/services/0")).put("qty", 1);
    Answer answer = post("/v1/claims", claim);
    assertProblem(answer, 400, "urn:arbiter:problem:invalid-request", "/services/0/qty");
    assertThat(answer.json.at("/errors/0/detail").asText()).isEqualTo("is not a known field");
  }

  @Test
  void postClaim_missingFields_400ListsEveryOne() {
    ObjectNode claim = claim("111");
    claim.remove("chfId");
    claim.remove("icd");
    ((ObjectNode) claim.at("/items/0")).remove("priceAsked");
    Answer answer = post("/v1/claims", claim);
    assertProblem(answer, 400, "urn:arbiter:problem:invalid-request", "/chfId", "/icd", "/items/0/priceAsked");
  }

  @Test
  void postClaim_nullArrayElement_400NamesTheElement() {
    ObjectNode claim = claim("111");
    ((ArrayNode) claim.get("items")).insertNull(0);
    assertProblem(post("/v1/claims", claim), 400, "urn:arbiter:problem:invalid-request", "/items/0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  \n", "null"})
  void postClaim_emptyBody_400(String body) {
    assertProblem(post("/v1/claims", body), 400, "urn:arbiter:problem:invalid-request", "");
  }

  @Test
  void balance_badDate_400NamesTheParameter() {
    assertProblem(get("/v1/insurees/111/balance?date=31-12-2026"), 400, "urn:arbiter:problem:invalid-request", "date");
  }

  @Test
  void path_notUtf8_400() {
    assertProblem(get("/v1/claims/%zz"), 400, "urn:arbiter:problem:invalid-request");
  }

  @Test
  void unknownRoute_404() {
    Answer answer = get("/v2/claims");
    assertProblem(answer, 404, "urn:arbiter:problem:not-found");
    assertThat(answer.json.get("instance").asText()).isEqualTo("/v2/claims");
  }

  @Test
  void getClaim_unknownCode_404() {
    Answer answer = get("/v1/claims/NEVER-SUBMITTED");
    assertProblem(answer, 404, "urn:arbiter:problem:not-found");
    assertThat(answer.json.get("detail").asText()).contains("NEVER-SUBMITTED");
  }

  @Test
  void reviewAndProcess_unknownCode_404() {
    assertProblem(post("/v1/claims/NEVER-SUBMITTED/review", "{}"), 404, "urn:arbiter:problem:not-found");
    assertProblem(post("/v1/claims/NEVER-SUBMITTED/process", ""), 404, "urn:arbiter:problem:not-found");
  }

  @Test
  void balance_unknownInsuree_404() {
    assertProblem(get("/v1/insurees/999/balance"), 404, "urn:arbiter:problem:not-found");
  }

  @Test
  void wrongMethod_405WithAllowHeader() {
    Answer answer = send(HttpMethod.DELETE, "/v1/claims/X1", null, null);
    assertProblem(answer, 405, "urn:arbiter:problem:method-not-allowed");
    assertThat(answer.headers.get("Allow")).isEqualTo("GET");
    assertThat(send(HttpMethod.POST, "/v1/scheme", "application/json", bytes("{}")).headers.get("Allow"))
        .isEqualTo("GET, PUT");
  }

  @Test
  void postClaim_codeReusedWithAnotherBody_409() {
    ObjectNode claim = claim("111");
    post("/v1/claims", claim);
    claim.put("icd", "B50");
    assertProblem(post("/v1/claims", claim), 409, "urn:arbiter:problem:conflict", "/code");
  }

  @Test
  void processTwice_409BecauseTheClaimIsNoLongerChecked() {
    ObjectNode claim = claim("111");
    String code = claim.get("code").asText();
    post("/v1/claims", claim);
    assertThat(post("/v1/claims/" + code + "/process", "").status).isEqualTo(200);
    assertProblem(post("/v1/claims/" + code + "/process", ""), 409, "urn:arbiter:problem:conflict", "/status");
    assertProblem(post("/v1/claims/" + code + "/review", "{}"), 409, "urn:arbiter:problem:conflict", "/status");
  }

  @Test
  void postClaim_bodyOverTheLimit_413() {
    byte[] body = padded(bytes(claim("111")), ArbiterServerOptions.DEFAULT_BODY_LIMIT + 1);
    Answer answer = send(HttpMethod.POST, "/v1/claims", "application/json", body);
    assertProblem(answer, 413, "urn:arbiter:problem:payload-too-large");
    assertThat(answer.json.get("detail").asText()).contains(String.valueOf(ArbiterServerOptions.DEFAULT_BODY_LIMIT));
  }

  @Test
  void putScheme_bodyOverTheSchemeLimit_413() {
    byte[] body = padded(schemeJson, SCHEME_BODY_LIMIT + 1);
    assertProblem(send(HttpMethod.PUT, "/v1/scheme", "application/json", body), 413,
        "urn:arbiter:problem:payload-too-large");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/xml", "application/jsonp", "none"})
  void postClaim_notJsonContentType_415(String contentType) {
    Answer answer = send(HttpMethod.POST, "/v1/claims", contentType.equals("none") ? null : contentType,
        bytes(claim("111")));
    assertProblem(answer, 415, "urn:arbiter:problem:unsupported-media-type");
  }

  @Test
  void putScheme_withoutContentType_415() {
    assertProblem(send(HttpMethod.PUT, "/v1/scheme", null, schemeJson), 415, "urn:arbiter:problem:unsupported-media-type");
  }

  @Test
  void postClaim_entryErrors_422ListsEveryProblem() {
    ObjectNode claim = claim("999").put("healthFacility", "HF9").put("dateTo", "2026-05-01");
    ((ObjectNode) claim.at("/items/0")).put("itemCode", "NOPE").put("qtyProvided", 0);
    ((ObjectNode) claim.at("/services/0")).put("priceAsked", -5);
    Answer answer = post("/v1/claims", claim);
    assertProblem(answer, 422, "urn:arbiter:problem:refused",
        "/chfId", "/healthFacility", "/dateTo", "/items/0/itemCode", "/items/0/qtyProvided", "/services/0/priceAsked");
    assertThat(get("/v1/claims/" + claim.get("code").asText()).status).isEqualTo(404);
  }

  @Test
  void postClaim_numbersBeyondAnyAmount_422NamesEach() {
    ObjectNode claim = claim("111");
    ((ObjectNode) claim.at("/items/0")).put("qtyProvided", new BigDecimal("1e-20"));
    ((ObjectNode) claim.at("/services/0")).put("priceAsked", new BigDecimal("1e20"));
    assertProblem(post("/v1/claims", claim), 422, "urn:arbiter:problem:refused",
        "/items/0/qtyProvided", "/services/0/priceAsked");
  }

  @Test
  void review_unknownLineAndBadStatus_422ListsBoth() {
    ObjectNode claim = claim("111");
    post("/v1/claims", claim);
    Answer answer = post("/v1/claims/" + claim.get("code").asText() + "/review",
        "{\"items\": [{\"lineNo\": 7}], \"services\": [{\"lineNo\": 1, \"status\": 3}]}");
    assertProblem(answer, 422, "urn:arbiter:problem:refused", "/items/0/lineNo", "/services/0/status");
  }

  @Test
  void putScheme_invalidDocument_422AndTheSchemeStays() throws IOException {
    String before = get("/v1/scheme").json.get("version").asText();
    ObjectNode broken = (ObjectNode) Json.mapper().readTree(schemeJson);
    ((ObjectNode) broken.at("/policies/0")).put("productCode", "NOPE");
    ((ObjectNode) broken.at("/healthFacilities/0")).put("itemsPriceList", "NOPE");

    Answer answer = send(HttpMethod.PUT, "/v1/scheme", "application/json", bytes(broken));

    assertProblem(answer, 422, "urn:arbiter:problem:invalid-scheme");
    assertThat(answer.json.get("errors")).extracting(e -> e.get("field").asText() + " " + e.get("detail").asText())
        .containsExactlyInAnyOrder("/policies/0/productCode 'NOPE' does not exist",
            "/healthFacilities/0/itemsPriceList 'NOPE' does not exist");
    assertThat(get("/v1/scheme").json.get("version").asText()).isEqualTo(before);
  }

  /**
   * Regression for issue 15 §3: a scheme whose review selection no selection could use is refused
   * at upload, field by field, instead of failing every later {@code POST /v1/review-selection}.
   * Each value lies just past its range's bound.
   */
  @ParameterizedTest
  @ValueSource(strings = {"randomPercent=101", "randomPercent=0.99", "budgetClaims=-1", "budgetPercent=100.01",
      "budgetPercent=-0.01", "value=-0.01", "variancePercent=-1", "reviewAt=-0.01",
      "rejectAt=-1"})
  void putScheme_reviewSelectionOutOfRange_422NamingTheFieldAndNothingStored(String setting) throws IOException {
    String before = get("/v1/scheme").json.get("version").asText();
    String[] field = setting.split("=");

    Answer answer = putScheme(Map.of(field[0], new BigDecimal(field[1])));

    assertProblem(answer, 422, "urn:arbiter:problem:invalid-scheme", "/settings/reviewSelection/" + field[0]);
    assertThat(answer.json.get("errors")).hasSize(1);
    assertThat(get("/v1/scheme").json.get("version").asText()).isEqualTo(before);
  }

  /** Regression for issue 15 §3: the bounds themselves are usable, and stored. */
  @ParameterizedTest
  @ValueSource(strings = {"randomPercent=100", "randomPercent=1", "budgetClaims=0", "budgetPercent=100",
      "budgetPercent=0", "value=0", "variancePercent=0", "reviewAt=250000", "reviewAt=0", "rejectAt=1e6", "rejectAt=0"})
  void putScheme_reviewSelectionOnItsBounds_200(String setting) throws IOException {
    String[] field = setting.split("=");

    Answer answer = putScheme(Map.of(field[0], new BigDecimal(field[1])));

    assertThat(answer.status).as(answer.text).isEqualTo(200);
    assertThat(answer.json.at("/settings/reviewSelection/" + field[0]).decimalValue())
        .isEqualByComparingTo(field[1]);
  }

  /** Regression for issue 15 §3: every unusable value is named in one answer, and both budgets at once are refused. */
  @Test
  void putScheme_severalReviewSelectionProblems_422NamingEach() throws IOException {
    Answer answer = putScheme(Map.of("randomPercent", new BigDecimal("101"), "budgetClaims", BigDecimal.ONE,
        "budgetPercent", BigDecimal.TEN));

    assertProblem(answer, 422, "urn:arbiter:problem:invalid-scheme");
    assertThat(answer.json.get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
        "/settings/reviewSelection/randomPercent", "/settings/reviewSelection/budgetPercent");
  }

  /** The test scheme with {@code settings.reviewSelection} set to {@code policy}, put as the scheme. */
  private static Answer putScheme(Map<String, BigDecimal> policy) throws IOException {
    ObjectNode scheme = (ObjectNode) Json.mapper().readTree(schemeJson);
    ObjectNode selection = scheme.withObject("settings").putObject("reviewSelection");
    policy.forEach(selection::put);
    return send(HttpMethod.PUT, "/v1/scheme", "application/json", bytes(scheme));
  }

  @Test
  void putScheme_wrongType_400NamesTheField() {
    Answer answer = send(HttpMethod.PUT, "/v1/scheme", "application/json",
        bytes("{\"insurees\": [{\"chfId\": \"1\", \"dob\": true}]}"));
    assertProblem(answer, 400, "urn:arbiter:problem:invalid-request", "/insurees/0/dob");
  }

  static List<String> hostileBodies() {
    return List.of("[]", "[{}]", "{}", "true", "1", "\"x\"", "{\"items\": {}}", "{\"items\": [1, 2]}",
        "{\"items\": [[]]}", "{\"code\": {}}", "{\"code\": null, \"items\": null}", "{\"dateFrom\": \"+999999999-12-31\"}",
        "{\"items\": [{\"qtyProvided\": 1e400}]}", "{\"items\": [{\"qtyProvided\": \"-1e-400\"}]}",
        "{\"items\": [{\"qtyProvided\": " + "9".repeat(2000) + "}]}", "{\"items\": " + "[".repeat(3000) + "]".repeat(3000) + "}",
        "{\"lineNo\": 99999999999}", "{\"items\": [{\"lineNo\": 1e10}]}", "{\"a\": 1, \"a\": 2}", "\uFEFF{}",
        "{\"settings\": {\"careTypeRule\": \"NOPE\"}}", "{\"policies\": [{\"status\": null}]}",
        "{\"insurees\": [{\"chfId\": \"1\"}]}", "{\"code\": \"" + "x".repeat(100_000) + "\"}", "{\"code\": \"\\ud800\"}");
  }

  /** Some of these are valid documents somewhere ({} is an empty review and an empty scheme); none may be a 5xx. */
  @ParameterizedTest
  @MethodSource("hostileBodies")
  void hostileBodies_neverAnswer5xx(String body) {
    ObjectNode target = claim("111");
    post("/v1/claims", target);
    List<Answer> answers = List.of(
        post("/v1/claims", body),
        post("/v1/claims/" + target.get("code").asText() + "/review", body),
        send(HttpMethod.PUT, "/v1/scheme", "application/json", bytes(body)));
    assertThat(send(HttpMethod.PUT, "/v1/scheme", "application/json", schemeJson).status).isEqualTo(200);
    for (Answer answer : answers) {
      assertThat(answer.status).as(answer.text).isLessThan(500);
      if (answer.status >= 400) {
        assertThat(answer.contentType).isEqualTo("application/problem+json");
      }
    }
  }

  @Test
  void hostileClaims_withValidShape_neverAnswer5xx() {
    for (String[] change : new String[][] {
        {"dateFrom", "+999999999-12-31"}, {"dateClaimed", "-999999999-01-01"}, {"dateTo", "+999999999-12-31"},
        {"dateFrom", "0001-01-01"}, {"visitType", "?"}, {"chfId", " "}, {"healthFacility", "\u0000"}}) {
      ObjectNode claim = claim("111").put(change[0], change[1]);
      Answer answer = post("/v1/claims", claim);
      assertThat(answer.status).as(change[0] + " " + answer.text).isIn(201, 400, 422);
    }
  }

  // ---- helpers ----

  private static void assertProblem(Answer answer, int status, String type, String... fields) {
    assertThat(answer.status).as(answer.text).isEqualTo(status);
    assertThat(answer.contentType).isEqualTo("application/problem+json");
    assertThat(answer.json.get("type").asText()).isEqualTo(type);
    assertThat(answer.json.get("title").asText()).isNotBlank();
    assertThat(answer.json.get("status").asInt()).isEqualTo(status);
    assertThat(answer.json.get("detail").asText()).isNotBlank();
    if (fields.length > 0) {
      assertThat(answer.json.get("errors").findValuesAsText("field")).contains(fields);
    }
  }

  /** A valid claim of insuree {@code chfId} at HF1 on 2026-06-01 (PARA 2 × 10, CONS 1 × 100), under a fresh code. */
  private static ObjectNode claim(String chfId) {
    ObjectNode claim = Json.mapper().createObjectNode()
        .put("code", "T" + CODES.incrementAndGet())
        .put("chfId", chfId)
        .put("healthFacility", "HF1")
        .put("dateFrom", "2026-06-01")
        .put("dateClaimed", "2026-06-01")
        .put("icd", "A00");
    claim.putArray("items").addObject().put("itemCode", "PARA").put("qtyProvided", 2).put("priceAsked", 10);
    claim.putArray("services").addObject().put("serviceCode", "CONS").put("qtyProvided", 1).put("priceAsked", 100);
    return claim;
  }

  private record Answer(int status, MultiMap headers, String contentType, String text, JsonNode json) {}

  private static Answer get(String path) {
    return send(HttpMethod.GET, path, null, null);
  }

  private static Answer post(String path, Object json) {
    return send(HttpMethod.POST, path, "application/json", json instanceof String s ? bytes(s) : bytes((JsonNode) json));
  }

  private static Answer send(HttpMethod method, String path, String contentType, byte[] body) {
    HttpRequest<Buffer> request = client.request(method, port, "127.0.0.1", path).putHeader("Authorization", TestKeys.ALL_BEARER);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    HttpResponse<Buffer> response = (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body))).await();
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

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(JsonNode json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** JSON followed by spaces up to {@code size} bytes: still the same document. */
  private static byte[] padded(byte[] json, long size) {
    byte[] padded = Arrays.copyOf(json, (int) size);
    Arrays.fill(padded, json.length, padded.length, (byte) ' ');
    return padded;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ArbiterServerTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
