package io.arbiter.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.ClaimRisk;
import org.junit.jupiter.api.Test;

class StakeTest {
  @Test
  void band_atEachThreshold_isThatBand() {
    ModelCard.Thresholds t = new ModelCard.Thresholds(0.3, 0.8, 0.05);
    assertThat(Stake.band(Math.nextDown(0.3), t)).isEqualTo(ClaimRisk.BAND_PASS);
    assertThat(Stake.band(0.3, t)).isEqualTo(ClaimRisk.BAND_REVIEW);
    assertThat(Stake.band(0.8, t)).isEqualTo(ClaimRisk.BAND_REJECT);
    assertThat(Stake.band(1.0, new ModelCard.Thresholds(0.3, null, 0.05))).isEqualTo(ClaimRisk.BAND_REVIEW);
  }
}
