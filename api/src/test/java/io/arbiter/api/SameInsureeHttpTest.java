package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients submitting claims of one insuree at once, over HTTP to a durable store: a limit is
 * granted exactly up to its value, never beyond, whatever the interleaving.
 */
class SameInsureeHttpTest {
  private static final int LIMIT = 7;
  private static final int CLAIMS = 200;
  private static final int CLIENTS = 8;

  @TempDir
  Path dir;

  @Test
  void submit_concurrentClaimsOfOneInsuree_grantExactlyTheLimit() throws Exception {
    ObjectNode scheme;
    try (InputStream in = SameInsureeHttpTest.class.getResourceAsStream("/scheme.json")) {
      scheme = (ObjectNode) Json.mapper().readTree(in);
    }
    for (JsonNode line : scheme.at("/products/0/items")) {
      if (line.get("code").asText().equals("PARA")) {
        ((ObjectNode) line).put("limitNoAdult", LIMIT);
      }
    }
    try (JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("db").toString())))) {
      Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).store(store)
          .scheme(Json.mapper().treeToValue(scheme, SchemeDocument.class)).build();
      try (TestServer server = TestServer.start(arbiter)) {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < CLAIMS; i++) {
          String body = "{\"code\": \"SI" + i + "\", \"chfId\": \"111\", \"healthFacility\": \"HF1\","
              + " \"dateFrom\": \"2026-06-01\", \"dateClaimed\": \"2026-06-01\", \"icd\": \"A00\","
              + " \"items\": [{\"itemCode\": \"PARA\", \"qtyProvided\": 1, \"priceAsked\": 10}]}";
          answers.add(clients.submit(() -> server.post("/v1/claims", TestKeys.ALL, "application/json", body)));
        }
        int granted = 0;
        for (Future<HttpResponse<String>> answer : answers) {
          assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(201);
          granted += Json.mapper().readTree(answer.get().body()).at("/items/0/rejectionReason").asInt() == 0 ? 1 : 0;
        }
        clients.shutdown();
        assertThat(granted).isEqualTo(LIMIT);
        JsonNode balance = TestServer.json(server.get("/v1/insurees/111/balance?date=2026-06-02", TestKeys.ALL));
        JsonNode para = null;
        for (JsonNode count : balance.at("/policies/0/provisions")) {
          para = count.get("name").asText().equals("item PARA") ? count : para;
        }
        assertThat(para).as(balance.toString()).isNotNull();
        assertThat(para.get("used").decimalValue()).isEqualByComparingTo(String.valueOf(LIMIT));
        assertThat(para.get("left").decimalValue()).isZero();
        Files.writeString(Path.of("target", "same-insuree.txt"), CLAIMS + " claims of one insuree from " + CLIENTS
            + " HTTP clients against a limit of " + LIMIT + ": " + granted + " granted, 0 over-grants\n");
      }
    }
  }
}
