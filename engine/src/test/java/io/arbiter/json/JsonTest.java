package io.arbiter.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.InvalidNullException;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineStatus;
import io.arbiter.claim.RejectionCode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  private record Codes(List<String> codes) {}

  @Test
  void read_nullListElementIsRefused() {
    assertThatThrownBy(() -> Json.mapper().readValue("{\"codes\":[\"a\",null]}", Codes.class))
        .isInstanceOf(InvalidNullException.class);
  }

  @Test
  void roundTrip_lineDecisionWithANullRuleParameter() throws Exception {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("voucher", null);
    parameters.put("days", 3);
    LineDecision line = new LineDecision(1, "PARA", null, BigDecimal.ONE, BigDecimal.TEN, LineStatus.REJECTED,
        RejectionCode.VOUCHER_UNKNOWN, null, null, null,
        null, null, null, null, null, null, null, null, null, null, "101 voucher", "no voucher", parameters, null,
        null, null);
    LineDecision read = Json.mapper().readValue(Json.mapper().writeValueAsString(line), LineDecision.class);
    assertThat(read.parameters()).containsEntry("voucher", null).containsEntry("days", 3);
  }

  @Test
  void readTree_nestingDeeperThanTheLimit_isRefusedByTheParser() throws Exception {
    String ok = "[".repeat(Json.MAX_NESTING_DEPTH) + "]".repeat(Json.MAX_NESTING_DEPTH);
    assertThat(Json.mapper().readTree(ok).isArray()).isTrue();
    String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);
    assertThatThrownBy(() -> Json.mapper().readTree(deep))
        .isInstanceOf(com.fasterxml.jackson.core.exc.StreamConstraintsException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void readTree_numberLongerThanTheLimit_isRefusedByTheParser() {
    assertThatThrownBy(() -> Json.mapper().readTree("1" + "0".repeat(Json.MAX_NUMBER_LENGTH)))
        .isInstanceOf(com.fasterxml.jackson.core.exc.StreamConstraintsException.class);
  }

  @Test
  void readTree_duplicateKey_isRefused() {
    assertThatThrownBy(() -> Json.mapper().readTree("{\"a\": 1, \"a\": 2}"))
        .hasMessageContaining("Duplicate field 'a'");
  }

  private record Line(String code, BigDecimal qty, Integer days, boolean flag) {}

  /** Issue 15 §2: the server takes exactly the types openapi.yaml names, never a coerced scalar. */
  @Test
  void readValue_scalarOfAnotherType_isRefusedNotCoerced() throws Exception {
    assertThat(Json.mapper().readValue("{\"code\": \"A\", \"qty\": 1.5, \"days\": 3, \"flag\": true}", Line.class))
        .isEqualTo(new Line("A", new BigDecimal("1.5"), 3, true));
    for (String body : List.of("{\"code\": \"A\", \"qty\": \"1\", \"flag\": true}",
        "{\"code\": \"A\", \"days\": \"3\", \"flag\": true}",
        "{\"code\": \"A\", \"flag\": \"true\"}",
        "{\"code\": 1, \"flag\": true}",
        "{\"code\": 1.5, \"flag\": true}",
        "{\"code\": true, \"flag\": true}",
        "{\"code\": \"A\", \"days\": \"\", \"flag\": true}",
        "{\"code\": \"A\", \"days\": \" \", \"flag\": true}",
        "{\"code\": \"A\", \"days\": \"\\u0001\", \"flag\": true}",
        "{\"code\": \"A\", \"qty\": \"\\u0001\", \"flag\": true}")) {
      assertThatThrownBy(() -> Json.mapper().readValue(body, Line.class)).as(body)
          .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class);
    }
  }

  private record Dated(java.time.LocalDate dob) {}

  /** Issue 15 §2: a date is an ISO string, as openapi.yaml says; jsr310 alone also read [y, m, d]. */
  @Test
  void readValue_dateNotAnIsoString_isRefused() throws Exception {
    assertThat(Json.mapper().readValue("{\"dob\": \"1980-06-15\"}", Dated.class).dob())
        .isEqualTo(java.time.LocalDate.of(1980, 6, 15));
    for (String body : List.of("{\"dob\": [1980, 6, 15]}", "{\"dob\": {\"year\": 1980}}", "{\"dob\": 19800615}")) {
      assertThatThrownBy(() -> Json.mapper().readValue(body, Dated.class)).as(body)
          .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class);
    }
  }

  private record Limited(io.arbiter.scheme.Limitation limitation) {}

  /** Issue 15 §2: an enum is named, never numbered (Jackson alone read 1 as the second constant). */
  @Test
  void readValue_enumByNumber_isRefused() throws Exception {
    assertThat(Json.mapper().readValue("{\"limitation\": \"F\"}", Limited.class).limitation())
        .isEqualTo(io.arbiter.scheme.Limitation.F);
    assertThatThrownBy(() -> Json.mapper().readValue("{\"limitation\": 1}", Limited.class))
        .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class);
  }
}
