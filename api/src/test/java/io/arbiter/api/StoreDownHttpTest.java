package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database going away under a running server: an H2 file store closed underneath it. */
class StoreDownHttpTest {
  @TempDir
  Path dir;

  private static String claim(String code) {
    return "{\"code\": \"" + code + "\", \"chfId\": \"111\", \"healthFacility\": \"HF1\", \"dateFrom\": \"2026-06-01\","
        + " \"dateClaimed\": \"2026-06-01\", \"icd\": \"A00\","
        + " \"items\": [{\"itemCode\": \"PARA\", \"qtyProvided\": 2, \"priceAsked\": 10}]}";
  }

  private static HttpResponse<String> send(TestServer server, String path, String body) throws Exception {
    return body == null ? server.get(path, TestKeys.ALL) : server.post(path, TestKeys.ALL, "application/json", body);
  }

  @Test
  void submit_databaseClosedUnderneath_answers503WithRetryAfterAndSavesNothing() throws Exception {
    JdbcStoreOptions options = new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("db").toString()));
    JdbcStore store = JdbcStore.open(options);
    SchemeDocument scheme;
    try (InputStream in = StoreDownHttpTest.class.getResourceAsStream("/scheme.json")) {
      scheme = Json.mapper().readValue(in, SchemeDocument.class);
    }
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme).store(store).build();
    try (TestServer server = TestServer.start(arbiter)) {
      assertThat(send(server, "/v1/claims", claim("UP1")).statusCode()).isEqualTo(201);

      store.close();

      for (HttpResponse<String> down : new HttpResponse[] {send(server, "/v1/claims", claim("DOWN1")),
          send(server, "/v1/claims/UP1", null), send(server, "/v1/claims/UP1/process", "{}")}) {
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).hasValue(String.valueOf(Failures.RETRY_AFTER_SECONDS));
        assertThat(down.headers().firstValue("Content-Type")).hasValue(ProblemDetails.MEDIA_TYPE);
        JsonNode problem = Json.mapper().readTree(down.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:arbiter:problem:unavailable");
        assertThat(problem.get("detail").asText()).doesNotContain("jdbc").doesNotContain("SQL");
      }
    }
    try (JdbcStore reopened = JdbcStore.open(options)) {
      assertThat(reopened.claim("UP1")).isPresent();
      assertThat(reopened.claim("UP1").orElseThrow().decision().status()).as("not processed").isEqualTo(ClaimStatus.CHECKED);
      assertThat(reopened.claim("DOWN1")).isEmpty();
    }
  }
}
