package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.api.ContractRecorder.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The drift guard of issue 15 §2 fails on what it is meant to catch: an undocumented status,
 * field or type, a request the document refuses but the server took, and one the document accepts
 * but the server found unreadable.
 */
class ContractRecorderTest {
  private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
  private static final Map<String, List<String>> PROBLEM = Map.of("Content-Type", List.of("application/problem+json"));
  private static final Map<String, List<String>> AUTHORIZED_JSON = Map.of("Content-Type", List.of("application/json"),
      "Authorization", List.of("Bearer arb.x.y"));
  private static final String HEALTH = "{\"status\": \"UP\", \"schemeVersion\": \"s\", \"rulesetVersion\": \"r\"}";
  private static final String CLAIM = "{\"code\": \"C1\", \"chfId\": \"111\", \"healthFacility\": \"HF1\","
      + " \"dateFrom\": \"2026-06-01\", \"dateClaimed\": \"2026-06-01\", \"icd\": \"A00\","
      + " \"items\": [{\"itemCode\": \"PARA\", \"qtyProvided\": 1, \"priceAsked\": 10}]}";
  private static final String PROBLEM_400 = "{\"type\": \"urn:arbiter:problem:invalid-request\", \"title\": \"Invalid"
      + " request\", \"status\": 400, \"detail\": \"d\", \"instance\": \"/v1/claims\", \"errors\": []}";

  @Test
  void check_documentedExchange_passes() {
    assertThatCode(() -> ContractRecorder.check(get("/health", 200, HEALTH))).doesNotThrowAnyException();
  }

  @Test
  void check_undocumentedStatus_fails() {
    assertThatThrownBy(() -> ContractRecorder.check(get("/health", 418, HEALTH)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("status.unknown");
  }

  @Test
  void check_undocumentedField_fails() {
    String extra = HEALTH.replace("}", ", \"uptime\": 5}");
    assertThatThrownBy(() -> ContractRecorder.check(get("/health", 200, extra)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("additionalProperties").hasMessageContaining("uptime");
  }

  @Test
  void check_wrongType_fails() {
    String wrong = HEALTH.replace("\"UP\"", "true");
    assertThatThrownBy(() -> ContractRecorder.check(get("/health", 200, wrong)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("/status");
  }

  @Test
  void check_acceptedRequestTheDocumentRefuses_fails() {
    String noLines = CLAIM.replaceAll(", \"items\": \\[.*]", "");
    Exchange exchange = new Exchange("POST", "/v1/claims", AUTHORIZED_JSON, bytes(noLines), 201, JSON, bytes("{}"));
    assertThatThrownBy(() -> ContractRecorder.check(exchange)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("the server accepted a request the document refuses")
        .hasMessageContaining("anyOf");
  }

  @Test
  void check_unreadableBodyTheDocumentAccepts_fails() {
    Exchange exchange = new Exchange("POST", "/v1/claims", AUTHORIZED_JSON, bytes(CLAIM), 400, PROBLEM,
        bytes(PROBLEM_400));
    assertThatThrownBy(() -> ContractRecorder.check(exchange)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("refused as unreadable a JSON body the document accepts");
  }

  @Test
  void check_unknownRouteAnswered200_fails() {
    assertThatThrownBy(() -> ContractRecorder.check(get("/v1/nothing", 200, HEALTH)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("a path or method the document lacks answered 200");
  }

  private static Exchange get(String path, int status, String body) {
    return new Exchange("GET", path, Map.of(), new byte[0], status, JSON, bytes(body));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
