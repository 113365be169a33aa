package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.access.IssuedKey;
import io.arbiter.access.MemoryAuditLog;
import io.arbiter.access.Role;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.InputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/audit}, and that changes made over HTTP are recorded with who made them. */
class AuditHttpTest {
  private static TestServer server;
  private static WebClient client;
  private static int port;
  private static byte[] scheme;
  private static final IssuedKey ADMIN = TestKeys.create(Role.ADMIN);

  @BeforeAll
  static void start() throws Exception {
    try (InputStream in = AuditHttpTest.class.getResourceAsStream("/scheme.json")) {
      scheme = in.readAllBytes();
    }
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath())
        .scheme(Json.mapper().readValue(scheme, SchemeDocument.class)).build();
    server = TestServer.start(arbiter, null, TestServer.options().setAudit(new MemoryAuditLog()));
    port = server.port();
    client = server.webClient();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void replaceScheme_recordedWithTheKeyAndBothVersions() throws Exception {
    String before = get("/health").get("schemeVersion").asText();
    HttpResponse<Buffer> put = client.request(HttpMethod.PUT, port, "127.0.0.1", "/v1/scheme")
        .putHeader("Authorization", "Bearer " + ADMIN.token()).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(scheme)).await();
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    String after = get("/health").get("schemeVersion").asText();

    JsonNode page = get("/v1/audit?action=scheme.replace");
    assertThat(page.get("total").asLong()).isEqualTo(1);
    JsonNode entry = page.at("/entries/0");
    assertThat(entry.get("actorId").asText()).isEqualTo(ADMIN.key().id());
    assertThat(entry.get("beforeHash").asText()).isEqualTo(before);
    assertThat(entry.get("afterHash").asText()).isEqualTo(after);
    assertThat(entry.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void audit_filtersByTimeAndRefusesBadParameters() throws Exception {
    assertThat(get("/v1/audit?from=2999-01-01T00:00:00Z").get("total").asLong()).isZero();
    HttpResponse<Buffer> bad = client.get(port, "127.0.0.1", "/v1/audit?from=yesterday&limit=0&who=me")
        .putHeader("Authorization", "Bearer " + ADMIN.token()).send().await();
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).contains("from", "limit", "who");
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<Buffer> r = client.get(port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + ADMIN.token())
        .send().await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return Json.mapper().readTree(r.bodyAsString());
  }
}
