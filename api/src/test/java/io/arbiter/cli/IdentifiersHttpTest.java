package io.arbiter.cli;

import io.arbiter.api.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.api.ProblemDetails;
import io.arbiter.api.TestKeys;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.store.jdbc.JdbcStore;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 15 §1: identifiers that become URLs and keys, on an H2 and on a PostgreSQL store (skipped,
 * with the reason, when no PostgreSQL is reachable): a NUL is a 4xx on both, never a 5xx, and the
 * {@code Location} of a created claim names it exactly, whatever URL characters its code holds.
 */
class IdentifiersHttpTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final AtomicInteger CODES = new AtomicInteger();

  @TempDir
  Path dir;

  private record Server(TestServer http, JdbcStore store, TestDatabase database) implements AutoCloseable {
    HttpResponse<String> send(String method, String path, String body) throws Exception {
      return HTTP.send(HttpRequest.newBuilder(http.uri(path))
          .header("Authorization", TestKeys.ALL_BEARER).header("Content-Type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
      http.close();
      store.close();
      database.close();
    }
  }

  private Server start(TestDatabase.Kind kind) throws Exception {
    TestDatabase database = TestDatabase.create(kind, dir);
    JdbcStore store = JdbcStore.open(database.storeOptions());
    try (InputStream in = IdentifiersHttpTest.class.getResourceAsStream("/scheme.json")) {
      Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).store(store)
          .scheme(Json.mapper().readValue(in, SchemeDocument.class)).build();
      return new Server(TestServer.start(arbiter), store, database);
    }
  }

  /** A claim as JSON, its code written as a JSON string literal's content (escapes allowed). */
  private static String claim(String codeLiteral) {
    return "{\"code\": \"" + codeLiteral + "\", \"chfId\": \"111\", \"healthFacility\": \"HF1\","
        + " \"dateFrom\": \"2026-06-01\", \"dateClaimed\": \"2026-06-01\", \"icd\": \"A00\","
        + " \"items\": [{\"itemCode\": \"PARA\", \"qtyProvided\": 1, \"priceAsked\": 10}]}";
  }

  private static void assertRefused(HttpResponse<String> r, String field) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isBetween(400, 422);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(ProblemDetails.MEDIA_TYPE);
    JsonNode problem = Json.mapper().readTree(r.body());
    assertThat(problem.get("errors")).as(r.body()).anySatisfy(e -> assertThat(e.get("field").asText()).isEqualTo(field));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void nul_inACodeOrAPath_refused4xxNeverA5xx(TestDatabase.Kind kind) throws Exception {
    try (Server server = start(kind)) {
      assertRefused(server.send("POST", "/v1/claims", claim("N\\u0000" + CODES.incrementAndGet())), "/code");
      assertRefused(server.send("POST", "/v1/claims", claim("N" + CODES.incrementAndGet())
          .replace("\"111\"", "\"111\\u0000\"")), "/chfId");
      assertRefused(server.send("GET", "/v1/claims/N%00", null), "code");
      assertRefused(server.send("POST", "/v1/claims/N%00/process", null), "code");
      assertRefused(server.send("GET", "/v1/insurees/111%00/balance", null), "chfId");
      assertRefused(server.send("GET", "/v1/sampling-batches/%00", null), "id");
      assertRefused(server.send("GET", "/v1/review-queue?batch=%00", null), "batch");
      assertRefused(server.send("GET", "/v1/audit?action=claim%00", null), "action");
      assertRefused(server.send("GET", "/v1/review-queue?healthFacility=HF%00", null), "healthFacility");
      assertRefused(server.send("POST", "/v1/claims", claim("N\\t" + CODES.incrementAndGet())), "/code");
      assertRefused(server.send("POST", "/v1/claims", claim("..")), "/code");
      assertRefused(server.send("POST", "/v1/claims", claim("N\\ud800" + CODES.incrementAndGet())), "/code");
      // A NUL in free text is refused by the gate before any store sees it.
      String code = "R" + CODES.incrementAndGet();
      assertThat(server.send("POST", "/v1/claims", claim(code)).statusCode()).isEqualTo(201);
      assertRefused(server.send("POST", "/v1/claims/" + code + "/review",
          "{\"items\": [{\"lineNo\": 1, \"status\": 1, \"justification\": \"a\\u0000b\"}]}"), "/items/0/justification");
    }
  }

  /** Issue 15 §1: a code with a lone surrogate was stored but could not be fetched from its Location. */
  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void submit_codeWithUrlCharacters_locationNamesTheStoredClaim(TestDatabase.Kind kind) throws Exception {
    try (Server server = start(kind)) {
      for (String code : new String[] {"A/B", "a b+c", "x?y#z%25", "É😀", "50%", "...", "C".repeat(64)}) {
        String unique = code.equals("...") || code.length() == 64 ? code : code + CODES.incrementAndGet();
        HttpResponse<String> created = server.send("POST", "/v1/claims", claim(unique.replace("\\", "\\\\")));
        assertThat(created.statusCode()).as(unique + ": " + created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> read = server.send("GET", location, null);
        assertThat(read.statusCode()).as(unique + " at " + location + ": " + read.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(read.body()).get("code").asText()).isEqualTo(unique);
      }
    }
  }
}
