package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.access.MemoryAuditLog;
import io.arbiter.engine.Arbiter;
import io.arbiter.openimis.OpenImisDemo;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 §1: the openIMIS import as an admin HTTP job ({@code POST /v1/openimis-imports}, then
 * {@code GET} its location), against openIMIS's demo database (skipped with the reason where it is
 * absent), on a database store.
 */
class OpenImisImportHttpTest {
  @TempDir
  Path dir;
  private JdbcStore store;
  private TestServer server;

  private TestServer start() {
    store = JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("db").toString())));
    server = TestServer.start(Arbiter.builder().rules(RuleSet.fromClasspath()).store(store)
        .scheme(TestServer.scheme("/codes-scheme.json")).build(), null, TestServer.options().setAudit(new MemoryAuditLog()));
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
      store.close();
    }
  }

  private HttpResponse<String> post(String body) throws Exception {
    return server.post("/v1/openimis-imports", TestKeys.ALL, "application/json", body);
  }

  /** The job at {@code location} once it ended (polled). */
  private JsonNode ended(String location) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (true) {
      HttpResponse<String> job = server.get(location, TestKeys.ALL);
      assertThat(job.statusCode()).as(job.body()).isEqualTo(200);
      JsonNode view = TestServer.json(job);
      if (!view.get("state").asText().equals("running") || Instant.now().isAfter(deadline)) {
        return view;
      }
      Thread.sleep(200);
    }
  }

  @Test
  void start_demoDatabase_202ThenJobEndsWithReport_schemeAndPopulationLoaded_audited() throws Exception {
    String url = OpenImisDemo.url();
    start();
    HttpResponse<String> started = post("{\"from\": \"" + url + "\", \"user\": \"" + OpenImisDemo.USER
        + "\", \"name\": \"demo\"}");

    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String location = started.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/v1/openimis-imports/");
    assertThat(TestServer.json(started).get("from").asText()).isEqualTo(url);
    JsonNode job = ended(location);
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
    assertThat(job.get("phase").asText()).isEqualTo("done");
    assertThat(job.at("/result/report/rowsRead").asLong()).isEqualTo(3501);
    assertThat(job.at("/result/report/tables/tblInsuree/loaded").asLong()).isEqualTo(69);
    assertThat(job.at("/result/population/insurees/imported").asLong()).isEqualTo(69);
    assertThat(job.at("/result/population/rows/rejected").asLong()).isZero();
    assertThat(job.at("/result/schemeReplaced").asBoolean()).isTrue();
    assertThat(job.at("/progress/rows").asLong()).isEqualTo(job.at("/result/population/rows/read").asLong());
    assertThat(store.population(null).insuree("172000001")).isNotNull();
    assertThat(store.latestScheme().orElseThrow().document().name()).isEqualTo("demo");

    // The watermark makes the next job a refresh: nothing changed, so nothing is written again.
    JsonNode refresh = ended(post("{\"from\": \"" + url + "\", \"user\": \"" + OpenImisDemo.USER + "\", \"name\":"
        + " \"demo\", \"since\": \"" + job.at("/result/watermark").asText() + "\"}").headers().firstValue("Location")
        .orElseThrow());
    assertThat(refresh.get("state").asText()).as(refresh.toString()).isEqualTo("succeeded");
    assertThat(refresh.at("/result/population/rows/read").asLong()).isZero();
    assertThat(refresh.at("/result/schemeReplaced").asBoolean()).as("the scheme did not change").isFalse();

    JsonNode audit = TestServer.json(server.get("/v1/audit?action=openimis.import", TestKeys.ALL));
    assertThat(audit.get("total").asLong()).isEqualTo(2);
    assertThat(TestServer.json(server.get("/v1/audit?action=openimis.import.start", TestKeys.ALL)).get("total")
        .asLong()).isEqualTo(2);
  }

  @Test
  void start_notOpenImis_jobFailsNamingTheMissingTables_nothingLoaded() throws Exception {
    String url = OpenImisDemo.empty();
    start();
    String scheme = store.latestScheme().orElseThrow().version();

    JsonNode job = ended(post("{\"from\": \"" + url + "\", \"user\": \"" + OpenImisDemo.USER + "\"}").headers()
        .firstValue("Location").orElseThrow());

    assertThat(job.get("state").asText()).isEqualTo("failed");
    assertThat(job.at("/failure/detail").asText()).contains("not an openIMIS database", "nothing loaded");
    assertThat(job.at("/failure/missingTables").size()).isEqualTo(15);
    assertThat(job.has("result")).isFalse();
    assertThat(store.latestScheme().orElseThrow().version()).isEqualTo(scheme);
  }

  @Test
  void start_unreachableDatabase_jobFails_neither5xxNorAnythingLoaded() throws Exception {
    start();
    HttpResponse<String> started = post("{\"from\": \"jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2\"}");

    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    JsonNode job = ended(started.headers().firstValue("Location").orElseThrow());
    assertThat(job.get("state").asText()).isEqualTo("failed");
    assertThat(job.at("/failure/detail").asText()).startsWith("openIMIS database: ");
  }

  @Test
  void start_badInput_422NamingTheField() throws Exception {
    start();
    assertRefused(post("{}"), "/from", "is required");
    assertRefused(post("{\"from\": \"jdbc:h2:mem:x\"}"), "/from", "must be jdbc:postgresql://");
    assertRefused(post("{\"from\": \"jdbc:postgresql://h/db?socketFactory=x.Y&socketFactoryArg=z\"}"), "/from",
        "'socketfactory' is not taken");
    assertRefused(post("{\"from\": \"jdbc:postgresql://h/db\", \"since\": \"2999-01-01T00:00:00Z\"}"), "/since",
        "in the future");
    HttpResponse<String> unknownField = post("{\"from\": \"jdbc:postgresql://h/db\", \"to\": 1}");
    assertThat(unknownField.statusCode()).as(unknownField.body()).isEqualTo(400);
    assertThat(server.get("/v1/openimis-imports/nope", TestKeys.ALL).statusCode()).isEqualTo(404);
  }

  private static void assertRefused(HttpResponse<String> answer, String field, String detail) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
    JsonNode problem = TestServer.json(answer);
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo(field);
    assertThat(problem.at("/errors/0/detail").asText()).contains(detail);
  }
}
