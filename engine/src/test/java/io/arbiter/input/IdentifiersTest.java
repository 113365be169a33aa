package io.arbiter.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The identifier rule (issue 15 §1): claim codes, insurance numbers, batch ids, key names. */
class IdentifiersTest {
  /** openapi.yaml's pattern, read as Java reads it; ECMA-262 reads this subset alike. */
  private static final Pattern OPENAPI = Pattern.compile(Identifiers.PATTERN);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"C-100", "a", "T00002", "A/B", "x?y#z%", "a b", "É😀", "\u202eRLO", "0004"})
  void problem_ordinaryAndUrlCharacters_none(String id) {
    assertThat(Identifiers.problem(id)).isEmpty();
    assertThat(OPENAPI.matcher(id).matches()).isTrue();
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {0x0, 0x9, 0xA, 0x1F, 0x7F, 0x85, 0x9F})
  void problem_controlCharacter_refused(int c) {
    String id = "A" + (char) c + "B";
    assertThat(Identifiers.problem(id)).get().asString().contains("control character").contains("character 1");
    assertThat(OPENAPI.matcher(id).matches()).isFalse();
  }

  @Test
  void problem_characterAfterTheControlRange_none() {
    assertThat(Identifiers.problem("A\u00a0B")).isEmpty();
    assertThat(Identifiers.problem("A\u0020B")).isEmpty();
  }

  @Test
  void problem_unpairedSurrogate_refused() {
    assertThat(Identifiers.problem("A\ud800")).get().asString().contains("unpaired surrogate");
    assertThat(Identifiers.problem("\udc00A")).get().asString().contains("unpaired surrogate");
  }

  @Test
  void problem_64Characters_noneAnd65Refused() {
    assertThat(Identifiers.problem("C".repeat(64))).isEmpty();
    assertThat(OPENAPI.matcher("C".repeat(64)).matches()).isTrue();
    assertThat(Identifiers.problem("C".repeat(65))).get().asString().contains("at most 64");
    assertThat(OPENAPI.matcher("C".repeat(65)).matches()).isFalse();
  }

  @Test
  void problem_dotSegments_refusedButDotsInACode_none() {
    assertThat(Identifiers.problem(".")).isPresent();
    assertThat(Identifiers.problem("..")).isPresent();
    assertThat(OPENAPI.matcher("..").matches()).isFalse();
    assertThat(Identifiers.problem("...")).isEmpty();
    assertThat(Identifiers.problem("a.b")).isEmpty();
    assertThat(OPENAPI.matcher("...").matches()).isTrue();
  }

  @Test
  void problem_spaceAtAnEnd_refused() {
    assertThat(Identifiers.problem(" A")).isPresent();
    assertThat(Identifiers.problem("A ")).isPresent();
    assertThat(OPENAPI.matcher("A ").matches()).isFalse();
    assertThat(Identifiers.problem("")).isPresent();
  }
}
