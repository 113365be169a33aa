package io.arbiter.access;

import java.time.Instant;
import java.util.Set;

/**
 * An API key as kept: never its secret, only who it is for and what it may do.
 *
 * @param id public identifier, part of the key itself (it names the key in lists and the audit trail)
 * @param name what the key is for, chosen by whoever created it (may be empty)
 * @param roles one or more
 * @param createdAt when it was created
 * @param revokedAt when it was revoked; null while it is valid
 */
public record ApiKey(String id, String name, Set<Role> roles, Instant createdAt, Instant revokedAt) {
  public ApiKey {
    roles = Set.copyOf(roles);
  }

  /** Whether the key still opens the API. */
  public boolean active() {
    return revokedAt == null;
  }

  /** Who acts with this key, for the audit trail. */
  public Actor actor() {
    return new Actor(id, name);
  }
}
