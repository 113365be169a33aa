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
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database going away under a running server: an H2 file store closed underneath it. */
class StoreDownHttpTest {
  private static final HttpClient HTTP = ContractRecorder.recording(HttpClient.newHttpClient());

  @TempDir
  Path dir;

  private static String claim(String code) {
    return "{\"code\": \"" + code + "\", \"chfId\": \"111\", \"healthFacility\": \"HF1\", \"dateFrom\": \"2026-06-01\","
        + " \"dateClaimed\": \"2026-06-01\", \"icd\": \"A00\","
        + " \"items\": [{\"itemCode\": \"PARA\", \"qtyProvided\": 2, \"priceAsked\": 10}]}";
  }

  private static HttpResponse<String> send(int port, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", TestKeys.ALL_BEARER);
    if (body != null) {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
    Vertx vertx = Vertx.vertx();
    try {
      int port = ArbiterServer.start(vertx, arbiter, TestKeys.options().setHost("127.0.0.1").setPort(0))
          .await().port();
      assertThat(send(port, "/v1/claims", claim("UP1")).statusCode()).isEqualTo(201);

      store.close();

      for (HttpResponse<String> down : new HttpResponse[] {send(port, "/v1/claims", claim("DOWN1")),
          send(port, "/v1/claims/UP1", null), send(port, "/v1/claims/UP1/process", "{}")}) {
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).hasValue(String.valueOf(Failures.RETRY_AFTER_SECONDS));
        assertThat(down.headers().firstValue("Content-Type")).hasValue(ProblemDetails.MEDIA_TYPE);
        JsonNode problem = Json.mapper().readTree(down.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:arbiter:problem:unavailable");
        assertThat(problem.get("detail").asText()).doesNotContain("jdbc").doesNotContain("SQL");
      }
    } finally {
      vertx.close().await();
    }
    try (JdbcStore reopened = JdbcStore.open(options)) {
      assertThat(reopened.claim("UP1")).isPresent();
      assertThat(reopened.claim("UP1").orElseThrow().decision().status()).as("not processed").isEqualTo(ClaimStatus.CHECKED);
      assertThat(reopened.claim("DOWN1")).isEmpty();
    }
  }
}
