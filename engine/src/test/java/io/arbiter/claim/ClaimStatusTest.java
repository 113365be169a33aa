package io.arbiter.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.json.Json;
import org.junit.jupiter.api.Test;

class ClaimStatusTest {
  @Test
  void label_everyOpenImisStatus() {
    assertThat(ClaimStatus.REJECTED.label()).isEqualTo("rejected");
    assertThat(ClaimStatus.ENTERED.label()).isEqualTo("entered");
    assertThat(ClaimStatus.CHECKED.label()).isEqualTo("checked");
    assertThat(ClaimStatus.PROCESSED.label()).isEqualTo("processed");
    assertThat(ClaimStatus.VALUATED.label()).isEqualTo("valuated");
  }

  @Test
  void of_notAStatus_refused() {
    assertThatThrownBy(() -> ClaimStatus.of(3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3");
  }

  @Test
  void code_openImisNumbers() {
    assertThat(ClaimStatus.values()).extracting(ClaimStatus::code).containsExactly(1, 2, 4, 8, 16);
    assertThat(ReviewStatus.values()).extracting(ReviewStatus::code).containsExactly(1, 2, 4, 8, 16);
    assertThat(LineStatus.values()).extracting(LineStatus::code).containsExactly(1, 2);
    assertThat(RejectionCode.values()).extracting(RejectionCode::code).containsExactly(
        -2, -1, 0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 101, 102, 103, 104);
  }

  @Test
  void json_numbersOnTheWire() throws Exception {
    assertThat(Json.mapper().writeValueAsString(ClaimStatus.VALUATED)).isEqualTo("16");
    assertThat(Json.mapper().writeValueAsString(RejectionCode.REVIEWER)).isEqualTo("-1");
    assertThat(Json.mapper().readValue("8", ReviewStatus.class)).isEqualTo(ReviewStatus.DELIVERED);
    assertThat(Json.mapper().readValue("2", LineStatus.class)).isEqualTo(LineStatus.REJECTED);
    assertThat(Json.mapper().readValue("104", RejectionCode.class)).isEqualTo(RejectionCode.VOUCHER_OTHER_POLICY);
  }

  @Test
  void toString_isTheCode() {
    assertThat(ClaimStatus.CHECKED + "/" + ReviewStatus.BYPASSED + "/" + LineStatus.PASSED + "/"
        + RejectionCode.AUTO_REJECTED).isEqualTo("4/16/1/-2");
  }
}
