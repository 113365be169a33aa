package io.arbiter.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClaimDecisionTest {
  @Test
  void statusName_everyOpenImisStatus() {
    assertThat(ClaimDecision.statusName(ClaimDecision.STATUS_REJECTED)).isEqualTo("rejected");
    assertThat(ClaimDecision.statusName(ClaimDecision.STATUS_ENTERED)).isEqualTo("entered");
    assertThat(ClaimDecision.statusName(ClaimDecision.STATUS_CHECKED)).isEqualTo("checked");
    assertThat(ClaimDecision.statusName(ClaimDecision.STATUS_PROCESSED)).isEqualTo("processed");
    assertThat(ClaimDecision.statusName(ClaimDecision.STATUS_VALUATED)).isEqualTo("valuated");
  }

  @Test
  void statusName_notAStatus_refused() {
    assertThatThrownBy(() -> ClaimDecision.statusName(3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3");
  }
}
