package io.arbiter.engine;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A thread-safe {@link ClaimStore} in memory (lost on restart). */
public final class InMemoryClaimStore implements ClaimStore {
  private final ConcurrentMap<String, StoredClaim> claims = new ConcurrentHashMap<>();

  @Override
  public Optional<StoredClaim> putIfAbsent(StoredClaim claim) {
    return Optional.ofNullable(claims.putIfAbsent(claim.claim().code(), claim));
  }

  @Override
  public void update(StoredClaim claim) {
    claims.put(claim.claim().code(), claim);
  }

  @Override
  public Optional<StoredClaim> get(String code) {
    return Optional.ofNullable(claims.get(code));
  }
}
