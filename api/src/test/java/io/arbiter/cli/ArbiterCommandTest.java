package io.arbiter.cli;

import io.arbiter.main.ArbiterCommand;
import static io.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.json.Json;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process with its output captured (the test scheme of scheme.json). */
class ArbiterCommandTest {
  /** Two claims of insuree 111: a consultation, then a blood test (LAB, frequency 30 days) twice. */
  private static final String CLAIM_1 = claim("N1", "2026-06-01", "CONS");
  private static final String CLAIM_2 = claim("N2", "2026-06-02", "LAB");
  private static final String CLAIM_3 = claim("N3", "2026-06-12", "LAB");

  @TempDir
  static Path dir;
  private static Path scheme;

  @BeforeAll
  static void writeScheme() throws IOException {
    scheme = dir.resolve("scheme.json");
    try (InputStream in = ArbiterCommandTest.class.getResourceAsStream("/scheme.json")) {
      Files.write(scheme, in.readAllBytes());
    }
  }

  @Test
  void adjudicate_ndjson_printsOneDecisionPerClaimInOrder() throws IOException {
    Path claims = write("claims.ndjson", CLAIM_1 + "\n\n" + CLAIM_2 + "\n" + CLAIM_3 + "\n");

    CliRun run = run("adjudicate", "--scheme", scheme.toString(), claims.toString());

    assertThat(run.status()).as(run.err()).isZero();
    List<JsonNode> lines = run.jsonLines();
    assertThat(lines).extracting(l -> l.get("code").asText()).containsExactly("N1", "N2", "N3");
    assertThat(lines.get(1).get("status").asInt()).isEqualTo(4);
    // The third claim sees the second's blood test, 10 days earlier: frequency (5) rejects it.
    assertThat(lines.get(2).get("status").asInt()).isEqualTo(1);
    assertThat(lines.get(2).at("/services/0/rejectionReason").asInt()).isEqualTo(5);
  }

  @Test
  void adjudicate_jsonArrayAndSingleClaim_sameDecisions() throws IOException {
    Path array = write("claims.json", "[\n" + CLAIM_1 + ",\n" + CLAIM_2 + "\n]");
    Path single = write("claim.json", Json.mapper().readTree(CLAIM_1).toPrettyString());

    CliRun arrayRun = run("adjudicate", "--scheme", scheme.toString(), array.toString());
    CliRun singleRun = run("adjudicate", "--scheme", scheme.toString(), single.toString());

    assertThat(arrayRun.jsonLines()).extracting(l -> l.get("code").asText()).containsExactly("N1", "N2");
    assertThat(singleRun.jsonLines()).extracting(l -> l.get("code").asText()).containsExactly("N1");
    assertThat(singleRun.status()).isZero();
  }

  @Test
  void adjudicate_refusedAndMalformedClaims_printProblemsWithIndexAndGoOn() throws IOException {
    String unknownInsuree = CLAIM_1.replace("\"111\"", "\"999\"").replace("N1", "N9");
    Path claims = write("mixed.ndjson", unknownInsuree + "\n{\"code\": \n" + CLAIM_2 + "\n");

    CliRun run = run("adjudicate", "--scheme", scheme.toString(), claims.toString());

    assertThat(run.status()).isEqualTo(1);
    List<JsonNode> lines = run.jsonLines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).get("index").asInt()).isZero();
    assertThat(lines.get(0).get("status").asInt()).isEqualTo(422);
    assertThat(lines.get(0).at("/errors/0/field").asText()).isEqualTo("/chfId");
    assertThat(lines.get(1).get("index").asInt()).isEqualTo(1);
    assertThat(lines.get(1).get("type").asText()).isEqualTo("urn:arbiter:problem:malformed-json");
    assertThat(lines.get(2).get("code").asText()).isEqualTo("N2");
  }

  @Test
  void adjudicate_demo_usesTheDemoScheme() {
    CliRun run = run("adjudicate", "--demo", Path.of("../examples/claim-accepted.json").toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.jsonLines().get(0).get("status").asInt()).isEqualTo(4);
  }

  @Test
  void adjudicate_withoutScheme_usageError() throws IOException {
    CliRun run = run("adjudicate", write("c.ndjson", CLAIM_1).toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--scheme", "--demo");
  }

  @Test
  void adjudicate_schemeAndDemoTogether_usageError() throws IOException {
    CliRun run = run("adjudicate", "--demo", "--scheme", scheme.toString(), write("c.ndjson", CLAIM_1).toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("mutually exclusive");
  }

  @Test
  void adjudicate_missingClaimsFile_clearMessageWithoutStackTrace() {
    CliRun run = run("adjudicate", "--scheme", scheme.toString(), dir.resolve("absent.ndjson").toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("absent.ndjson", "no such file");
    assertThat(run.err()).doesNotContain("\tat ", "Exception");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void adjudicate_schemeFileNotJson_namesTheFileAndPlace() throws IOException {
    Path broken = write("broken-scheme.json", "{\"items\": [}");
    CliRun run = run("adjudicate", "--scheme", broken.toString(), write("c.ndjson", CLAIM_1).toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("broken-scheme.json", "line 1");
    assertThat(run.err()).doesNotContain("\tat ");
  }

  @Test
  void adjudicate_inconsistentScheme_listsTheProblems() throws IOException {
    String text = Files.readString(scheme).replace("\"productCode\": \"PRD\"", "\"productCode\": \"NOPE\"");
    CliRun run = run("adjudicate", "--scheme", write("bad-scheme.json", text).toString(),
        write("c.ndjson", CLAIM_1).toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("invalid scheme", "/policies/0/productCode: 'NOPE' does not exist");
  }

  @Test
  void serve_brokenRules_failsWithFileAndLine() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("broken-rules"));
    Files.writeString(rules.resolve("broken.drl"), "package rules\n\nrule \"broken\"\nwhen\n  NoSuchFact()\nthen\nend\n");

    CliRun run = run("serve", "--port", "0", "--scheme", scheme.toString(), "--rules", rules.toString(),
        "--db", JdbcStoreOptions.h2File(dir.resolve("db").toString()));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).containsPattern("broken\\.drl:\\d+");
    assertThat(run.err()).contains("NoSuchFact").doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void serve_portTaken_failsWithoutStackTrace() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      CliRun run = run("serve", "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()),
          "--scheme", scheme.toString(), "--db", JdbcStoreOptions.h2File(dir.resolve("db").toString()));
      assertThat(run.status()).isEqualTo(3);
      assertThat(run.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()).doesNotContain("\tat ");
    }
  }

  @Test
  void serve_badPort_usageError() {
    assertThat(run("serve", "--port", "http").status()).isEqualTo(2);
    CliRun outOfRange = run("serve", "--port", "70000");
    assertThat(outOfRange.status()).isEqualTo(2);
    assertThat(outOfRange.err()).contains("0..65535");
  }

  @Test
  void serve_unknownStoreOrNoWorkers_usageErrorNamingTheFlag() {
    CliRun store = run("serve", "--store", "disk");
    assertThat(store.status()).isEqualTo(2);
    assertThat(store.err()).contains("--store must be database or memory, was 'disk'");
    CliRun workers = run("serve", "--store", "memory", "--workers", "0");
    assertThat(workers.status()).isEqualTo(2);
    assertThat(workers.err()).contains("--workers must be at least 1, was 0");
  }

  @Test
  void noSubcommand_usageError() {
    CliRun run = run();
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("serve", "adjudicate");
  }

  @Test
  void version_printsTheName() {
    CliRun run = run("--version");
    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("arbiter ");
  }

  // ---- helpers ----

  private static String claim(String code, String date, String service) {
    return "{\"code\": \"" + code + "\", \"chfId\": \"111\", \"healthFacility\": \"HF1\", \"dateFrom\": \"" + date
        + "\", \"dateClaimed\": \"" + date + "\", \"icd\": \"A00\", \"services\": [{\"serviceCode\": \"" + service
        + "\", \"qtyProvided\": 1, \"priceAsked\": 100}]}";
  }

  private static Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }



  /**
   * Picocli formats every description with {@code String.format}: a bare {@code %} ("95 %
   * intervals") broke {@code evaluate --help} into a warning instead of its text. Every command's
   * and option's description must format.
   */
  @Test
  void help_everyCommandsDescriptionsFormat() {
    List<String> broken = new java.util.ArrayList<>();
    descriptionsThatDoNotFormat(ArbiterCommand.commandLine(), broken);
    assertThat(broken).isEmpty();
  }

  private static void descriptionsThatDoNotFormat(picocli.CommandLine cli, List<String> broken) {
    picocli.CommandLine.Model.CommandSpec spec = cli.getCommandSpec();
    List<String> texts = new java.util.ArrayList<>(List.of(spec.usageMessage().description()));
    spec.options().forEach(option -> texts.addAll(List.of(option.description())));
    spec.positionalParameters().forEach(parameter -> texts.addAll(List.of(parameter.description())));
    for (String text : texts) {
      try {
        String.format(text);
      } catch (java.util.IllegalFormatException e) {
        broken.add(spec.qualifiedName() + ": " + text);
      }
    }
    cli.getSubcommands().values().forEach(sub -> descriptionsThatDoNotFormat(sub, broken));
  }
}
