package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.ClaimDecision;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void submit_acceptedClaim() {
    Arbiter arbiter = TestScheme.base().arbiter();
    ClaimDecision d = arbiter.submit(claim().item("PARA", "2", "10").service("CONS", "1", "100").build()).decision();
    System.out.println(io.arbiter.json.Json.mapper().valueToTree(d).toPrettyString());
    assertThat(d.status()).isEqualTo(4);
  }
}
