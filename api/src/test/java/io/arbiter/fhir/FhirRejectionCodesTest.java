package io.arbiter.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every rejection code Arbiter produces, posted as a FHIR Claim and read back from the
 * ClaimResponse: the same claims as {@code RejectionCodesHttpTest} (rejection-codes.csv), each
 * code as an item's reason in openIMIS's claim-rejection-reasons (Arbiter's own system for the
 * voucher codes 101-104), under openIMIS's claim-status category 1 when rejected.
 */
class FhirRejectionCodesTest {
  private static FhirTestServer server;
  private static int sequence;

  @BeforeAll
  static void start() throws Exception {
    server = new FhirTestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode item(String chfId, String facility, String from, String to, String claimed, String kind,
      String code, String guarantee) throws Exception {
    FhirTestServer.Response r = server.postFhir(FhirTestServer.claim("F" + (++sequence), chfId, facility, from, to,
        claimed, kind, code, guarantee));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/item/0");
  }

  private static void assertReason(JsonNode item, int expected) {
    JsonNode first = item.at("/adjudication/0");
    String system = expected > 100 ? Fhir.ARBITER_REJECTION_REASONS : Fhir.REJECTION_REASONS;
    assertThat(first.at("/reason/coding/0/system").asText()).as(item.toString()).isEqualTo(system);
    assertThat(first.at("/reason/coding/0/code").asText()).isEqualTo(Integer.toString(expected));
    assertThat(first.at("/reason/coding/0/display").asText()).isNotBlank();
    assertThat(first.at("/category/coding/0/code").asText()).isEqualTo(expected == 0 ? "2" : "1");
  }

  @ParameterizedTest(name = "{0} {1} for {2} on {4}: code {7}")
  @CsvFileSource(resources = "/rejection-codes.csv")
  void postClaim_reasonIsTheRejectionCode(String kind, String code, String chfId, String facility, String from,
      String to, String claimed, int expected) throws Exception {
    assertReason(item(chfId, facility, from, to, claimed, kind, code, null), expected);
  }

  @ParameterizedTest(name = "guarantee {0}: code {1}")
  @CsvSource({"VPOL01, 0", "NOPE01, 101", "NEWV01, 102", "CANV01, 103", "OTHV01, 104"})
  void postClaim_guaranteeIsTheVoucher(String voucher, int expected) throws Exception {
    assertReason(item("VOU", "HF1", "2026-06-01", null, "2026-06-01", "service", "CONS", voucher), expected);
  }

  @Test
  void postClaim_frequencyAndLimit_produceCodes5And16() throws Exception {
    assertReason(item("MAN", "HF1", "2026-07-01", null, "2026-07-01", "item", "FREQ", null), 0);
    assertReason(item("MAN", "HF1", "2026-07-15", null, "2026-07-15", "item", "FREQ", null), 5);
    assertReason(item("MAN", "HF1", "2026-02-01", null, "2026-02-01", "item", "LIM", null), 0);
    assertReason(item("MAN", "HF1", "2026-02-02", null, "2026-02-02", "item", "LIM", null), 16);
  }

  @Test
  void getClaimResponse_afterReviewRejection_showsCodeMinus1AndOutcomeComplete() throws Exception {
    String claim = FhirTestServer.claim("FREV", "MAN", "HF1", "2026-06-01", null, "2026-06-01", "item", "PARA", null);
    assertThat(server.postFhir(claim).json().path("outcome").asText()).isEqualTo("partial");
    FhirTestServer.Response reviewed = server.post("/v1/claims/FREV/review", "application/json",
        "{\"items\": [{\"lineNo\": 1, \"status\": 2, \"justification\": \"not provided\"}]}");
    assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(200);

    JsonNode response = server.get("/fhir/ClaimResponse/FREV").json();
    assertThat(response.path("outcome").asText()).isEqualTo("complete");
    assertReason(response.at("/item/0"), -1);
  }
}
