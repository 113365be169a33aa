package io.arbiter.rules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.rules.RuleSetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetTest {

  @Test
  void fromClasspath_compilesEveryShippedFile() {
    RuleSet rules = RuleSet.fromClasspath();
    assertThat(rules.files()).contains("claim.drl", "register.drl", "care-type.drl", "mask.drl",
        "frequency.drl", "coverage.drl", "maxima.drl");
    assertThat(rules.version()).matches("drl-[0-9a-f]{12}");
  }

  @Test
  void fromDirectory_drlErrorNamesFileAndLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("broken.drl"), """
        package rules;
        rule "broken"
        when
          NoSuchFact( )
        then
        end
        """);
    assertThatThrownBy(() -> RuleSet.fromDirectory(dir))
        .isInstanceOf(RuleSetException.class)
        .satisfies(e -> assertThat(((RuleSetException) e).errors())
            .anySatisfy(m -> assertThat(m).startsWith(dir.resolve("broken.drl") + ":4:")));
  }

  @Test
  void fromDirectory_rejectionCodeArbiterDoesNotHave_isRefusedNamingFileAndLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("custom.drl"), """
        package rules;
        import io.arbiter.rules.*;
        rule "20 custom"
        when
          $line : LineFact( open )
        then
          $line.reject(20, "20 custom", "no such code");
        end
        """);
    assertThatThrownBy(() -> RuleSet.fromDirectory(dir))
        .isInstanceOf(RuleSetException.class)
        .satisfies(e -> assertThat(((RuleSetException) e).errors())
            .containsExactly(dir + "/custom.drl:7: rejection code 20 is not one of docs/adjudication.md §1"));
  }

  @Test
  void fromDirectory_everyShippedCode_isAccepted(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("custom.drl"), """
        package rules;
        import io.arbiter.rules.*;
        rule "19 custom"
        when
          $line : LineFact( open )
        then
          $line.reject(19, "19 custom", "a known code");
        end
        """);
    assertThat(RuleSet.fromDirectory(dir).files()).containsExactly("custom.drl");
  }

  @Test
  void version_changesWithTheSources(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.drl"), "package rules;\nrule \"a\" when then end\n");
    String first = RuleSet.fromDirectory(dir).version();
    Files.writeString(dir.resolve("a.drl"), "package rules;\nrule \"b\" when then end\n");
    assertThat(RuleSet.fromDirectory(dir).version()).isNotEqualTo(first);
  }
}
