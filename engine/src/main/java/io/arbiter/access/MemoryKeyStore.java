package io.arbiter.access;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link KeyStore} in memory, for tests and for servers without a database. Thread-safe. */
public final class MemoryKeyStore implements KeyStore {
  private record Kept(ApiKey key, String digest) {}

  private final Map<String, Kept> keys = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  @Override
  public IssuedKey create(String name, Set<Role> roles) {
    Set<Role> checked = KeyStore.roles(roles);
    while (true) {
      String id = Tokens.newId();
      String token = Tokens.create(id);
      ApiKey key = new ApiKey(id, name == null ? "" : name, checked, clock.instant(), null);
      if (keys.putIfAbsent(id, new Kept(key, Tokens.digest(token))) == null) {
        return new IssuedKey(key, token);
      }
    }
  }

  @Override
  public List<ApiKey> list() {
    List<ApiKey> all = new ArrayList<>(keys.values().stream().map(Kept::key).toList());
    all.sort(java.util.Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id));
    return all;
  }

  @Override
  public Optional<ApiKey> revoke(String id) {
    Kept kept = keys.computeIfPresent(id, (k, v) -> v.key().active()
        ? new Kept(new ApiKey(v.key().id(), v.key().name(), v.key().roles(), v.key().createdAt(), clock.instant()),
            v.digest())
        : v);
    return Optional.ofNullable(kept).map(Kept::key);
  }

  @Override
  public Optional<ApiKey> authenticate(String token) {
    String id = Tokens.idOf(token);
    Kept kept = id == null ? null : keys.get(id);
    if (kept == null || !kept.key().active() || !Tokens.same(kept.digest(), Tokens.digest(token))) {
      return Optional.empty();
    }
    return Optional.of(kept.key());
  }
}
