package io.arbiter.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.json.Json;
import io.arbiter.rules.ClaimRules;
import io.arbiter.rules.RuleSetException;
import io.arbiter.scheme.SchemeDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/*
 * Why scenarios gate a reload: DRL that compiles can still reject every claim (a misplaced
 * negation), and a reload takes effect for every later decision at once. The scenarios are the
 * rules' own regression cases, shipped with them, so they run from the jar without test classes.
 * Why the reload is synchronized: two reloads racing could each check their own folder state and
 * the slower one would win with a ruleset another thread never checked against the same scenarios.
 */

/**
 * Hot reload of an {@link Arbiter}'s rules from the folder it was configured with: compile, run the
 * rule scenarios against the candidate, and swap only if every scenario passes.
 *
 * <p>Scenario files are {@code scenarios/*.json} beside the DRL files (when the folder has no
 * {@code scenarios} subfolder, the scenarios built into Arbiter are used):
 *
 * <pre>{"scheme": "codes-scheme.json",            // a scheme document in the same folder
 *  "cases": [{"name": "…", "claim": {…},        // a claim as POST /v1/claims takes it
 *             "expect": [0, 12]}]}               // rejection code per line, items then services</pre>
 *
 * Each case is adjudicated with {@link Claims#evaluate} on a fresh in-memory store, so cases do
 * not see each other's usage. Thread-safe; reloads run one at a time.
 */
public final class RulesReload {
  /** The subfolder of a rules folder that holds its scenarios. */
  public static final String SCENARIO_FOLDER = "scenarios";
  /** The classpath folder the shipped rules and their scenarios are packaged in (rules/ of the repository). */
  static final String CLASSPATH_FOLDER = "rules";

  private RulesReload() {}

  /**
   * What a reload did.
   *
   * @param previous the version replaced
   * @param version the version now adjudicating (equal to previous when the sources did not change)
   * @param files the DRL files compiled
   * @param scenarios how many scenario cases passed
   */
  public record Result(String previous, String version, List<String> files, int scenarios) {}

  /**
   * Compiles {@code folder} with the arbiter's {@link RulesCompiler}, checks it against its scenarios
   * and swaps it into {@code arbiter}. Blocks for as long as the compilation takes (seconds): never
   * call it on an event loop.
   *
   * @throws RuleSetException when the rules do not compile (each error with file and line) or a
   *     scenario fails (each failure with file, case and codes); the arbiter's rules are unchanged
   * @throws UncheckedIOException when the folder or a scenario file cannot be read
   * @throws IllegalStateException when the arbiter was built without a rules compiler
   */
  public static synchronized Result reload(Arbiter arbiter, Path folder) {
    ClaimRules candidate = arbiter.rules().compiler().compile(folder);
    Path own = folder.resolve(SCENARIO_FOLDER);
    int passed = Files.isDirectory(own) ? check(candidate, own, SCENARIO_FOLDER) : checkBuiltIn(candidate);
    ClaimRules previous = arbiter.rules().replace(candidate);
    return new Result(previous.version(), candidate.version(), candidate.files(), passed);
  }

  /**
   * Runs every scenario file of a folder against a ruleset.
   *
   * @param origin how failures name the folder
   * @return the number of cases, all passed
   * @throws RuleSetException listing every failed case
   */
  static int check(ClaimRules rules, Path scenarios, String origin) {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    try (Stream<Path> files = Files.list(scenarios)) {
      for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = Json.mapper().readTree(Files.readAllBytes(file));
        if (!root.has("cases")) {
          continue; // a scheme document
        }
        String where = origin + "/" + file.getFileName();
        SchemeDocument scheme = Json.mapper().treeToValue(
            Json.mapper().readTree(Files.readAllBytes(scenarios.resolve(root.path("scheme").asText()))), SchemeDocument.class);
        Arbiter arbiter = Arbiter.builder().rules(rules).scheme(scheme).build();
        for (JsonNode c : root.get("cases")) {
          cases++;
          String failure = run(arbiter, c);
          if (failure != null) {
            failures.add(where + "#" + c.path("name").asText() + ": " + failure);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the rule scenarios in " + scenarios, e);
    }
    if (cases == 0) {
      // A gate with nothing in it would let any ruleset through.
      throw new RuleSetException("no rule scenario found in " + origin, List.of());
    }
    if (!failures.isEmpty()) {
      throw new RuleSetException(failures.size() + " of " + cases + " rule scenarios fail", failures);
    }
    return cases;
  }

  /** The case's failure, or null when the decision has the expected codes. */
  private static String run(Arbiter arbiter, JsonNode c) throws IOException {
    List<Integer> expected = new ArrayList<>();
    c.path("expect").forEach(n -> expected.add(n.asInt()));
    ClaimDecision decision;
    try {
      decision = arbiter.claims().evaluate(Json.mapper().treeToValue(c.get("claim"), Claim.class));
    } catch (ArbiterException e) {
      return "expected codes " + expected + ", the claim was refused: " + e.getMessage();
    }
    List<Integer> actual = new ArrayList<>();
    decision.items().stream().map(l -> l.rejectionReason().code()).forEach(actual::add);
    decision.services().stream().map(l -> l.rejectionReason().code()).forEach(actual::add);
    return actual.equals(expected) ? null : "expected codes " + expected + ", was " + actual;
  }

  /** The scenarios shipped on the classpath under {@code rules/scenarios}. */
  static int checkBuiltIn(ClaimRules rules) {
    URL url = RulesReload.class.getClassLoader().getResource(CLASSPATH_FOLDER + "/" + SCENARIO_FOLDER);
    if (url == null) {
      throw new RuleSetException("the built-in rule scenarios are not on the classpath", List.of());
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return check(rules, jar.getPath(CLASSPATH_FOLDER, SCENARIO_FOLDER), "built-in scenarios");
        }
      }
      return check(rules, Path.of(uri), "built-in scenarios");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in rule scenarios", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
