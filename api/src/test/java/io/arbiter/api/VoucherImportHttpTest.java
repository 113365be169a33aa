package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/vouchers:import} on a database store, with rows in bad form. */
class VoucherImportHttpTest {
  @TempDir
  static Path dir;
  private static JdbcStore store;
  private static TestServer server;

  @BeforeAll
  static void start() {
    store = JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("db").toString())));
    server = TestServer.start(Arbiter.builder().rules(RuleSet.fromClasspath()).store(store)
        .scheme(TestServer.scheme("/codes-scheme.json")).build());
  }

  @AfterAll
  static void stop() {
    server.close();
    store.close();
  }

  private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return server.post(path, TestKeys.ALL, contentType, body);
  }

  @Test
  void importVouchers_badRowsAreReportedAndTheOthersApply() throws Exception {
    HttpResponse<String> answer = post("/v1/vouchers:import", "text/csv",
        "number,status\nNEWV09,used\nTOO-LONG-1,New\nCANV09,gone\nCANV08,cancel\n");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode summary = Json.mapper().readTree(answer.body());
    assertThat(summary.get("read").asInt()).isEqualTo(4);
    assertThat(summary.get("imported").asInt()).isEqualTo(2);
    assertThat(summary.get("unchanged").asInt()).isZero();
    assertThat(summary.get("rejected").asInt()).isEqualTo(2);
    assertThat(summary.at("/errors/0/line").asInt()).isEqualTo(3);
    assertThat(summary.at("/errors/0/field").asText()).isEqualTo("number");
    assertThat(summary.at("/errors/1/field").asText()).isEqualTo("status");

    HttpResponse<String> claim = post("/v1/claims", "application/json", "{\"code\": \"VI1\", \"chfId\": \"VOU\","
        + " \"healthFacility\": \"HF1\", \"dateFrom\": \"2026-06-01\", \"dateClaimed\": \"2026-06-01\","
        + " \"icd\": \"A00\", \"voucher\": \"CANV08\","
        + " \"services\": [{\"serviceCode\": \"CONS\", \"qtyProvided\": 1, \"priceAsked\": 100}]}");
    assertThat(Json.mapper().readTree(claim.body()).at("/services/0/rejectionReason").asInt()).isEqualTo(103);
  }

  /** Issue 15 §7c: re-importing a row that changes nothing answers it as unchanged, not imported. */
  @Test
  void importVouchers_reimportAnswersUnchanged() throws Exception {
    String register = "number,status\nREV001,New\nREV002,Cancel\n";
    assertThat(post("/v1/vouchers:import", "text/csv", register).statusCode()).isEqualTo(200);
    HttpResponse<String> again = post("/v1/vouchers:import", "text/csv", "number,status\nREV001,New\nREV002,New\n");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    JsonNode summary = Json.mapper().readTree(again.body());
    assertThat(summary.get("read").asInt()).isEqualTo(2);
    assertThat(summary.get("imported").asInt()).as("REV002 set back to New").isEqualTo(1);
    assertThat(summary.get("unchanged").asInt()).as("REV001 already New").isEqualTo(1);
    assertThat(summary.get("rejected").asInt()).isZero();
  }

  @Test
  void importVouchers_otherContentTypeIs415() throws Exception {
    HttpResponse<String> answer = post("/v1/vouchers:import", "application/json", "{}");
    assertThat(answer.statusCode()).isEqualTo(415);
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
  }

  @Test
  void importVouchers_headerWithoutStatusIs400() throws Exception {
    assertThat(post("/v1/vouchers:import", "text/csv", "number\nABC123\n").statusCode()).isEqualTo(400);
  }
}
