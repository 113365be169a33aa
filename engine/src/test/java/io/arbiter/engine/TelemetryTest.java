package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.scoring.onnx.ModelRegistry;
import io.arbiter.scoring.TestModels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's meters, read from a plain registry (no exporter). */
class TelemetryTest {
  @TempDir
  Path models;

  private static double sum(SimpleMeterRegistry meters, String name) {
    return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }

  @Test
  void submit_scoredClaims_countRiskBandsScoresAndOrtBatches() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (ModelRegistry registry = ModelRegistry.open(models)) {
      TestModels.upload(registry, "m1", 1);
      registry.activate("m1");
      registry.scorer().bindTo(meters);
      Arbiter arbiter = Arbiter.builder().rules(TestScheme.rules()).scheme(TestScheme.base().document())
          .scorer(registry.scorer()).meters(meters).build();
      int checked = 0;
      for (int i = 0; i < 4; i++) {
        ClaimDecision d = arbiter.claims().submit(claim().item("PARA", "1", "30").service("CONS", "1", "100").build())
            .decision();
        checked += d.status() == ClaimStatus.CHECKED ? 1 : 0;
      }
      assertThat(checked).as("scored claims").isPositive();
      assertThat(sum(meters, "arbiter.risk.band")).isEqualTo(checked);
      assertThat(meters.get("arbiter.risk.score").summary().count()).isEqualTo(checked);
      long[] ort = registry.scorer().batchStatistics();
      assertThat(meters.get("arbiter.scoring.batch").summary().count()).isEqualTo(ort[0]).isPositive();
      assertThat(meters.get("arbiter.scoring.batch").summary().totalAmount()).isEqualTo(ort[1]);
      assertThat(sum(meters, "arbiter.claims")).isEqualTo(4);
      assertThat(meters.get("arbiter.adjudication").timer().count()).isEqualTo(4);
      assertThat(meters.get("arbiter.ledger.book").timer().count()).isEqualTo(checked);
      assertThat(meters.get("arbiter.rules.sessions").tag("state", "pooled").gauge().value())
          .isEqualTo(Runtime.getRuntime().availableProcessors());
      assertThat(meters.get("arbiter.rules.sessions").tag("state", "in_use").gauge().value()).isZero();
    }
  }

  @Test
  void build_withoutMeters_recordsNowhereAndStillDecides() {
    Arbiter arbiter = Arbiter.builder().rules(TestScheme.rules()).scheme(TestScheme.base().document()).build();
    assertThat(arbiter.claims().submit(claim().item("PARA", "1", "10").build()).created()).isTrue();
  }
}
