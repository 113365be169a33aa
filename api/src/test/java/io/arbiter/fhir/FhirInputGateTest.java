package io.arbiter.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FhirInputGateTest {
  private static FhirTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new FhirTestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void postClaim_hugeExponentQuantity_refusedQuickly() throws Exception {
    String body = FhirSamples.claim("EXP1", "111", "HF1", "2026-06-01", "PARA")
        .replaceFirst("\"quantity\":\\{\"value\":1\\}", "\"quantity\":{\"value\":1e999999999}");
    assertThat(body).contains("1e999999999");
    long started = System.nanoTime();
    FhirTestServer.Response r = server.postFhir(body);
    System.out.println("took " + Duration.ofNanos(System.nanoTime() - started) + " " + r.status() + " " + r.body());
  }
}
