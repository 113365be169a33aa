package io.arbiter.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokensTest {
  @Test
  void newId_neverStartsWithWhatACommandLineReadsAsAnOption() {
    // Without the guard, 2 of the 64 URL-safe Base64 letters ('-', '_') lead: ~1 id in 32.
    assertThat(IntStream.range(0, 5_000).mapToObj(i -> Tokens.newId()))
        .allSatisfy(id -> assertThat(id).hasSize(12).matches("[A-Za-z0-9][A-Za-z0-9_-]{11}"));
  }

  @Test
  void idOf_readsTheIdOfANewToken() {
    String id = Tokens.newId();
    assertThat(Tokens.idOf(Tokens.create(id))).isEqualTo(id);
  }
}
