package io.arbiter.access;

/**
 * A key just created: the only time its secret exists outside the caller's hands.
 *
 * @param key what is kept
 * @param token the bearer token to hand over ({@code Authorization: Bearer <token>}); shown once
 */
public record IssuedKey(ApiKey key, String token) {
  @Override
  public String toString() {
    // So that logging the record never writes the secret.
    return "IssuedKey[" + key + "]";
  }
}
