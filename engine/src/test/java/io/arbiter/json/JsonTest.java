package io.arbiter.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.InvalidNullException;
import io.arbiter.claim.LineDecision;
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
    LineDecision line = new LineDecision(1, "PARA", null, BigDecimal.ONE, BigDecimal.TEN, 2, 18, null, null, null,
        null, null, null, null, null, null, null, null, null, null, "18 voucher", "no voucher", parameters, null,
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
}
