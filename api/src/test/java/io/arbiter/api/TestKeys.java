package io.arbiter.api;

import io.arbiter.access.IssuedKey;
import io.arbiter.access.MemoryKeyStore;
import io.arbiter.access.Role;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * API keys for tests, in one in-memory key store shared by every test server of this JVM: a key per
 * role, and {@link #ALL} holding every role for tests about something other than access.
 */
public final class TestKeys {
  /** The key store the test servers check tokens against. */
  public static final MemoryKeyStore KEYS = new MemoryKeyStore();
  private static final Map<Role, String> BY_ROLE = new EnumMap<>(Role.class);

  static {
    for (Role r : Role.values()) {
      BY_ROLE.put(r, KEYS.create("test " + r.id(), Set.of(r)).token());
    }
  }

  /** A token holding every role. */
  public static final String ALL = KEYS.create("test all roles", EnumSet.allOf(Role.class)).token();

  /** {@code Bearer <ALL>}, the Authorization header of the tests that are not about access. */
  public static final String ALL_BEARER = "Bearer " + ALL;

  private TestKeys() {}

  /** The token of the key holding only {@code role}. */
  public static String token(Role role) {
    return BY_ROLE.get(role);
  }

  /** A key created now, e.g. to revoke it. */
  public static IssuedKey create(Role... roles) {
    return KEYS.create("test", Set.of(roles));
  }

  /** Server options with {@link #KEYS}. */
  public static ArbiterServerOptions options() {
    return new ArbiterServerOptions().setKeys(KEYS);
  }
}
