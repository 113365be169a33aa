package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.access.IssuedKey;
import io.arbiter.access.Role;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How long a revoked key keeps working: the server's key cache. */
class KeyCacheHttpTest {
  private static final HttpClient HTTP = ContractRecorder.recording(HttpClient.newHttpClient());
  private Vertx vertx;
  private int port;

  private void start(long keyCacheMillis) throws java.io.IOException {
    SchemeDocument scheme;
    try (java.io.InputStream in = KeyCacheHttpTest.class.getResourceAsStream("/scheme.json")) {
      scheme = Json.mapper().readValue(in, SchemeDocument.class);
    }
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme).build();
    vertx = Vertx.vertx();
    port = ArbiterServer.start(vertx, arbiter, TestKeys.options().setHost("127.0.0.1").setPort(0)
        .setKeyCacheMillis(keyCacheMillis)).await().port();
  }

  @AfterEach
  void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  private int queue(IssuedKey key) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/review-queue"))
        .header("Authorization", "Bearer " + key.token()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void revoke_noCache_nextRequest401() throws Exception {
    start(0);
    IssuedKey key = TestKeys.create(Role.REVIEWER);
    assertThat(queue(key)).isEqualTo(200);
    TestKeys.KEYS.revoke(key.key().id());
    assertThat(queue(key)).isEqualTo(401);
  }

  @Test
  void revoke_cachedKey_worksUntilTheCacheTimeThen401() throws Exception {
    start(1_000);
    IssuedKey key = TestKeys.create(Role.REVIEWER);
    assertThat(queue(key)).isEqualTo(200);
    long revokedAt = System.nanoTime();
    TestKeys.KEYS.revoke(key.key().id());
    int status = queue(key);
    long elapsedMillis = (System.nanoTime() - revokedAt) / 1_000_000;
    if (elapsedMillis < 1_000) {
      assertThat(status).as("within the cache time the key is not read again").isEqualTo(200);
    }
    Thread.sleep(Math.max(0, 1_100 - (System.nanoTime() - revokedAt) / 1_000_000));
    assertThat(queue(key)).as("after the cache time").isEqualTo(401);
  }

  @Test
  void setKeyCacheMillis_negative_refused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ArbiterServerOptions().setKeyCacheMillis(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyCacheMillis");
  }
}
