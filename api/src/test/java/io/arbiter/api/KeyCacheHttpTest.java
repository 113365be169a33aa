package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.access.IssuedKey;
import io.arbiter.access.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How long a revoked key keeps working: the server's key cache. */
class KeyCacheHttpTest {
  private TestServer server;

  private void start(long keyCacheMillis) {
    server = TestServer.start(TestServer.arbiter("/scheme.json"), null,
        TestServer.options().setKeyCacheMillis(keyCacheMillis));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private int queue(IssuedKey key) throws Exception {
    return server.get("/v1/review-queue", key.token()).statusCode();
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
