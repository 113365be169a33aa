package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/rules:reload} over a copy of the project's rules folder, serving the scenarios'
 * scheme (codes-scheme.json: item PARA for insuree MAN at HF1 is accepted).
 */
class RulesReloadHttpTest {
  private static final HttpClient HTTP = TestServer.http();
  private static final AtomicInteger CODES = new AtomicInteger();

  @TempDir
  Path folder;

  private TestServer server;
  private int port;
  private Arbiter arbiter;

  @BeforeEach
  void start() throws IOException {
    Path source = Path.of("..", "rules");
    Files.createDirectories(folder.resolve("scenarios"));
    try (Stream<Path> files = Stream.concat(Files.list(source), Files.list(source.resolve("scenarios")))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, folder.resolve(source.relativize(f)));
      }
    }
    arbiter = Arbiter.builder().rules(RuleSet.fromDirectory(folder)).rulesCompiler(RuleSet::fromDirectory).scheme(Json.mapper()
        .readValue(folder.resolve("scenarios/codes-scheme.json").toFile(), SchemeDocument.class)).build();
    server = TestServer.start(arbiter, null, TestServer.options().setRulesFolder(folder));
    port = server.port();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", TestKeys.ALL_BEARER);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(request.POST(body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode submit() throws Exception {
    HttpResponse<String> response = post("/v1/claims", "{\"code\": \"H" + CODES.incrementAndGet() + "\","
        + " \"chfId\": \"MAN\", \"healthFacility\": \"HF1\", \"dateFrom\": \"2026-06-01\","
        + " \"dateClaimed\": \"2026-06-01\", \"icd\": \"A00\","
        + " \"items\": [{\"itemCode\": \"PARA\", \"qtyProvided\": 1, \"priceAsked\": 10}]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Json.mapper().readTree(response.body());
  }

  /** Changes the sources without changing a verdict, so the ruleset gets a new version. */
  private void touch(int n) throws IOException {
    Files.writeString(folder.resolve("claim.drl"), "\n// reload " + n + "\n", StandardOpenOption.APPEND);
  }

  @Test
  void reload_changedValidRule_laterDecisionsCarryTheNewVersion() throws Exception {
    String before = submit().get("rulesetVersion").asText();
    touch(1);

    HttpResponse<String> reload = post("/v1/rules:reload", null);

    assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
    JsonNode result = Json.mapper().readTree(reload.body());
    assertThat(result.get("previous").asText()).isEqualTo(before);
    String now = result.get("version").asText();
    assertThat(now).isNotEqualTo(before).startsWith("drl-");
    assertThat(result.get("scenarios").asInt()).isPositive();
    assertThat(submit().get("rulesetVersion").asText()).isEqualTo(now);
  }

  @Test
  void reload_brokenDrl_answers422WithTheErrorLineAndKeepsTheOldRules() throws Exception {
    String before = arbiter.rules().version();
    Files.writeString(folder.resolve("claim.drl"), "\nrule \"broken\"\nwhen\n  NoSuchFact( )\nthen\nend\n",
        StandardOpenOption.APPEND);
    int lastLine = Files.readAllLines(folder.resolve("claim.drl"), StandardCharsets.UTF_8).size();

    HttpResponse<String> reload = post("/v1/rules:reload", null);

    assertThat(reload.statusCode()).as(reload.body()).isEqualTo(422);
    assertThat(reload.headers().firstValue("Content-Type")).hasValue(ProblemDetails.MEDIA_TYPE);
    JsonNode problem = Json.mapper().readTree(reload.body());
    assertThat(problem.get("type").asText()).isEqualTo("urn:arbiter:problem:invalid-rules");
    assertThat(problem.get("errors")).anySatisfy(e -> {
      java.util.regex.Matcher at = java.util.regex.Pattern.compile(".*/claim\\.drl:(\\d+):\\d+")
          .matcher(e.get("field").asText());
      assertThat(at.matches()).as(e.toString()).isTrue();
      assertThat(Integer.parseInt(at.group(1))).as("a line of the broken rule").isBetween(lastLine - 4, lastLine);
      assertThat(e.get("detail").asText()).contains("NoSuchFact");
    });
    assertThat(submit().get("rulesetVersion").asText()).isEqualTo(before);
  }

  @Test
  void reload_withoutRulesFolder_answers409() throws Exception {
    try (TestServer other = TestServer.start(arbiter)) {
      int otherPort = other.port();
      HttpResponse<String> reload = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + otherPort + "/v1/rules:reload")).header("Authorization", TestKeys.ALL_BEARER).POST(HttpRequest.BodyPublishers.noBody())
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(reload.statusCode()).isEqualTo(409);
      assertThat(reload.body()).contains("--rules");
    }
  }

  @Test
  void reload_wrongMethod_answers405() throws Exception {
    HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/v1/rules:reload")).header("Authorization", TestKeys.ALL_BEARER).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void reload_duringConcurrentSubmissions_failsNoRequest() throws Exception {
    Set<String> versions = ConcurrentHashMap.newKeySet();
    versions.add(arbiter.rules().version());
    AtomicBoolean reloading = new AtomicBoolean(true);
    AtomicInteger submitted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<List<String>>> clients = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      clients.add(pool.submit(() -> {
        List<String> seen = new ArrayList<>();
        while (reloading.get()) {
          seen.add(submit().get("rulesetVersion").asText()); // asserts 201
          submitted.incrementAndGet();
        }
        return seen;
      }));
    }
    try {
      for (int n = 0; n < 3; n++) {
        touch(100 + n);
        HttpResponse<String> reload = post("/v1/rules:reload", null);
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        versions.add(Json.mapper().readTree(reload.body()).get("version").asText());
      }
    } finally {
      reloading.set(false);
    }
    List<String> seen = new ArrayList<>();
    for (Future<List<String>> client : clients) {
      seen.addAll(client.get()); // rethrows any failed submission
    }
    pool.shutdown();
    assertThat(versions).hasSize(4);
    assertThat(submitted.get()).isPositive();
    assertThat(seen).hasSize(submitted.get()).allSatisfy(v -> assertThat(versions).contains(v));
    assertThat(submit().get("rulesetVersion").asText()).isEqualTo(arbiter.rules().version());
  }
}
