package io.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.RejectionCode;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.rules.RuleSetException;
import io.arbiter.scheme.SchemeDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload over a copy of the project's rules folder (DRL and scenarios) against the scenarios'
 * own scheme, codes-scheme.json (service VISIT for insuree MAX hits the visit maximum, code 12).
 */
class RulesReloadTest {
  @TempDir
  Path folder;

  private Arbiter arbiter;
  private int sequence;

  @BeforeEach
  void copyRules() throws IOException {
    Path source = Path.of("..", "rules");
    Files.createDirectories(folder.resolve("scenarios"));
    try (Stream<Path> files = Stream.concat(Files.list(source), Files.list(source.resolve("scenarios")))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, folder.resolve(source.relativize(f)));
      }
    }
    SchemeDocument scheme = Json.mapper().readValue(folder.resolve("scenarios/codes-scheme.json").toFile(),
        SchemeDocument.class);
    arbiter = Arbiter.builder().rules(RuleSet.fromDirectory(folder)).rulesCompiler(RuleSet::fromDirectory)
        .scheme(scheme).build();
  }

  @Test
  void reload_withoutRulesCompiler_isRefusedAndKeepsTheRules() throws IOException {
    SchemeDocument scheme = Json.mapper().readValue(folder.resolve("scenarios/codes-scheme.json").toFile(),
        SchemeDocument.class);
    Arbiter plain = Arbiter.builder().rules(arbiter.rules().current()).scheme(scheme).build();
    assertThatThrownBy(() -> RulesReload.reload(plain, folder)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rulesCompiler");
    assertThat(plain.rules().current()).isSameAs(arbiter.rules().current());
  }

  private ClaimDecision submitVisit() {
    String json = "{\"code\": \"R" + (++sequence) + "\", \"chfId\": \"MAX\", \"healthFacility\": \"HF1\","
        + " \"dateFrom\": \"2026-06-01\", \"dateClaimed\": \"2026-06-01\", \"icd\": \"A00\","
        + " \"services\": [{\"serviceCode\": \"VISIT\", \"qtyProvided\": 1, \"priceAsked\": 10}]}";
    try {
      return arbiter.claims().submit(Json.mapper().readValue(json, Claim.class)).decision();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void edit(String file, String from, String to) throws IOException {
    Path p = folder.resolve(file);
    String drl = Files.readString(p, StandardCharsets.UTF_8);
    assertThat(drl).contains(from);
    Files.writeString(p, drl.replace(from, to), StandardCharsets.UTF_8);
  }

  @Test
  void reload_changedValidRule_laterDecisionsUseAndRecordTheNewVersion() throws IOException {
    ClaimDecision before = submitVisit();
    String oldVersion = arbiter.rules().version();
    edit("maxima.drl", "maximumExplanation($v, \"visits\")", "maximumExplanation($v, \"outpatient visits\")");

    RulesReload.Result result = RulesReload.reload(arbiter, folder);

    assertThat(result.previous()).isEqualTo(oldVersion);
    assertThat(result.version()).isNotEqualTo(oldVersion).isEqualTo(arbiter.rules().version());
    assertThat(result.scenarios()).isGreaterThanOrEqualTo(17);
    ClaimDecision after = submitVisit();
    assertThat(before.rulesetVersion()).isEqualTo(oldVersion);
    assertThat(before.services().get(0).explanation()).doesNotContain("outpatient");
    assertThat(after.rulesetVersion()).isEqualTo(result.version());
    assertThat(after.services().get(0).rejectionReason()).isEqualTo(RejectionCode.MAX_VISITS);
    assertThat(after.services().get(0).explanation()).contains("outpatient visits");
  }

  @Test
  void reload_brokenDrl_failsWithTheLineAndKeepsTheOldRules() throws IOException {
    String oldVersion = arbiter.rules().version();
    Files.writeString(folder.resolve("maxima.drl"), "\nrule \"broken\"\nwhen\n  NoSuchFact( )\nthen\nend\n",
        StandardOpenOption.APPEND);

    assertThatThrownBy(() -> RulesReload.reload(arbiter, folder))
        .isInstanceOfSatisfying(RuleSetException.class, e -> assertThat(e.errors())
            .anySatisfy(error -> assertThat(error).matches(".*maxima\\.drl:\\d+:\\d+: .*NoSuchFact.*")));
    assertThat(arbiter.rules().version()).isEqualTo(oldVersion);
    assertThat(submitVisit().rulesetVersion()).isEqualTo(oldVersion);
  }

  @Test
  void reload_ruleThatFailsAScenario_namesTheCaseAndKeepsTheOldRules() throws IOException {
    String oldVersion = arbiter.rules().version();
    edit("maxima.drl", "reject(12,", "reject(13,");

    assertThatThrownBy(() -> RulesReload.reload(arbiter, folder))
        .isInstanceOfSatisfying(RuleSetException.class, e -> assertThat(e.errors()).singleElement()
            .satisfies(error -> assertThat(error).contains("rejection-codes.json#service VISIT")
                .contains("expected codes [12], was [13]")));
    assertThat(arbiter.rules().version()).isEqualTo(oldVersion);
    assertThat(submitVisit().services().get(0).rejectionReason()).isEqualTo(RejectionCode.MAX_VISITS);
  }

  @Test
  void reload_folderWithoutScenarios_usesTheBuiltInOnes() throws IOException {
    try (Stream<Path> files = Files.list(folder.resolve("scenarios"))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(folder.resolve("scenarios"));
    edit("maxima.drl", "reject(12,", "reject(13,");

    assertThatThrownBy(() -> RulesReload.reload(arbiter, folder))
        .isInstanceOfSatisfying(RuleSetException.class, e -> assertThat(e.errors()).singleElement()
            .satisfies(error -> assertThat(error).startsWith("built-in scenarios/rejection-codes.json#")));
  }
}
