package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.engine.Arbiter;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every rejection code Arbiter produces (all of docs/adjudication.md §1 but 6, 8, 18 and -2, and Arbiter's voucher
 * codes 101-104), through the HTTP API
 * against codes-scheme.json, which gives each code its own item, service or insuree. The
 * boundaries themselves are tested in the engine; here a code's boundary pair is shown where it
 * takes one claim before it.
 */
class RejectionCodesHttpTest {
  private static TestServer server;
  private static int sequence;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestServer.arbiter("/codes-scheme.json"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> response = server.post(path, TestKeys.ALL, "application/json", body);
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    return TestServer.json(response);
  }

  /** Submits a one-line claim and returns the line's decision. */
  private static JsonNode line(String chfId, String facility, String from, String to, String claimed,
      String kind, String code) throws Exception {
    String claim = "{\"code\": \"K" + (++sequence) + "\", \"chfId\": \"" + chfId + "\", \"healthFacility\": \""
        + facility + "\", \"dateFrom\": \"" + from + "\"" + (to == null ? "" : ", \"dateTo\": \"" + to + "\"")
        + ", \"dateClaimed\": \"" + claimed + "\", \"icd\": \"A00\", \"" + kind + "s\": [{\"" + kind
        + "Code\": \"" + code + "\", \"qtyProvided\": 1, \"priceAsked\": 10}]}";
    return post("/v1/claims", claim).get(kind + "s").get(0);
  }

  @ParameterizedTest(name = "{0} {1} for {2} on {4}: code {7}")
  @CsvFileSource(resources = "/rejection-codes.csv")
  void submit_producesTheCode(String kind, String code, String chfId, String facility, String from, String to,
      String claimed, int expected) throws Exception {
    JsonNode line = line(chfId, facility, from, to, claimed, kind, code);
    assertThat(line.get("rejectionReason").asInt()).as(line.toString()).isEqualTo(expected);
    assertThat(line.get("status").asInt()).isEqualTo(expected == 0 ? 1 : 2);
    assertThat(line.get("rule").asText()).startsWith(expected == 0 ? "0 " : expected + " ");
  }

  @Test
  void submit_frequencyBoundary_producesCode5() throws Exception {
    assertThat(line("MAN", "HF1", "2026-07-01", null, "2026-07-01", "item", "FREQ").get("rejectionReason").asInt())
        .isZero();
    assertThat(line("MAN", "HF1", "2026-07-31", null, "2026-07-31", "item", "FREQ").get("rejectionReason").asInt())
        .as("exactly 30 days apart").isZero();
    assertThat(line("MAN", "HF1", "2026-08-29", null, "2026-08-29", "item", "FREQ").get("rejectionReason").asInt())
        .as("29 days apart").isEqualTo(5);
  }

  @Test
  void submit_provisionLimit_producesCode16() throws Exception {
    assertThat(line("MAN", "HF1", "2026-02-01", null, "2026-02-01", "item", "LIM").get("rejectionReason").asInt())
        .isZero();
    assertThat(line("MAN", "HF1", "2026-02-02", null, "2026-02-02", "item", "LIM").get("rejectionReason").asInt())
        .isEqualTo(16);
  }

  @Test
  void review_producesCodeMinus1() throws Exception {
    JsonNode decision = post("/v1/claims", "{\"code\": \"REV\", \"chfId\": \"MAN\", \"healthFacility\": \"HF1\","
        + " \"dateFrom\": \"2026-06-01\", \"dateClaimed\": \"2026-06-01\", \"icd\": \"A00\","
        + " \"items\": [{\"itemCode\": \"PARA\", \"qtyProvided\": 1, \"priceAsked\": 10}]}");
    assertThat(decision.get("status").asInt()).isEqualTo(4);
    JsonNode reviewed = post("/v1/claims/REV/review",
        "{\"items\": [{\"lineNo\": 1, \"status\": 2, \"justification\": \"not provided\"}]}");
    assertThat(reviewed.at("/items/0/rejectionReason").asInt()).isEqualTo(-1);
    assertThat(reviewed.get("status").asInt()).isEqualTo(1);
  }

  @ParameterizedTest(name = "voucher {0}: code {1}")
  @CsvSource({"VPOL01, 0", "NOPE01, 101", "NEWV01, 102", "CANV01, 103", "OTHV01, 104"})
  void submit_voucherProducesItsCode(String voucher, int expected) throws Exception {
    JsonNode decision = post("/v1/claims", "{\"code\": \"V" + (++sequence) + "\", \"chfId\": \"VOU\","
        + " \"healthFacility\": \"HF1\", \"dateFrom\": \"2026-06-01\", \"dateClaimed\": \"2026-06-01\","
        + " \"icd\": \"A00\", \"voucher\": \"" + voucher + "\","
        + " \"services\": [{\"serviceCode\": \"CONS\", \"qtyProvided\": 1, \"priceAsked\": 100}]}");
    assertThat(decision.at("/services/0/rejectionReason").asInt()).as(decision.toString()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "package parts {0}: valued {1}")
  @CsvSource(delimiter = '|', value = {"2 | 20.00 | ", "3 | 0.00 | item PARA: 3 instead of 2"})
  void submit_packageWithParts(int qty, String valued, String differences) throws Exception {
    JsonNode line = post("/v1/claims", "{\"code\": \"P" + (++sequence) + "\", \"chfId\": \"MAN\","
        + " \"healthFacility\": \"HF1\", \"dateFrom\": \"2026-06-01\", \"dateClaimed\": \"2026-06-01\","
        + " \"icd\": \"A00\", \"services\": [{\"serviceCode\": \"PKG\", \"qtyProvided\": 1,"
        + " \"subItems\": [{\"code\": \"PARA\", \"qtyProvided\": " + qty + ", \"priceAsked\": 10}]}]}")
        .at("/services/0");
    assertThat(line.get("rejectionReason").asInt()).isZero();
    assertThat(line.get("priceValuated").decimalValue()).isEqualByComparingTo(valued);
    assertThat(line.path("packageDifferences").isMissingNode() ? null : line.get("packageDifferences").asText())
        .isEqualTo(differences);
  }
}
