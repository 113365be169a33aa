package io.arbiter.access;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where API keys are kept: their ids, names, roles and the digests of their tokens, never the
 * tokens. Implementations are thread-safe; a database one is shared by every instance on it, so a
 * key created or revoked on one is seen by all. Methods may block (I/O).
 */
public interface KeyStore {
  /**
   * Creates a key.
   *
   * @param name what it is for (null for none)
   * @param roles one or more
   * @return the key and its token, which is not kept and cannot be shown again
   * @throws IllegalArgumentException when {@code roles} is empty
   */
  IssuedKey create(String name, Set<Role> roles);

  /** Every key, revoked ones included, oldest first; never a secret. */
  List<ApiKey> list();

  /**
   * Revokes a key: from now on its token opens nothing. Revoking a revoked key changes nothing.
   *
   * @return the key, as it now is; empty if there is no key with that id
   */
  Optional<ApiKey> revoke(String id);

  /**
   * The active key a bearer token belongs to.
   *
   * @return empty when the token is malformed, unknown or revoked
   */
  Optional<ApiKey> authenticate(String token);

  /** Whether no key was ever created (a new database). */
  default boolean isEmpty() {
    return list().isEmpty();
  }

  /** Checks and copies a role set for {@link #create}. */
  static Set<Role> roles(Set<Role> roles) {
    if (roles == null || roles.isEmpty()) {
      throw new IllegalArgumentException("a key needs at least one role");
    }
    return Set.copyOf(roles);
  }
}
