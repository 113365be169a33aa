package io.arbiter.access;

import java.util.Locale;
import java.util.Optional;

/**
 * What an API key may do. A key holds one or more roles; no role implies another, {@link #ADMIN}
 * included, so that an operator's key cannot also adjudicate claims or decide reviews (a key that
 * must do both holds both roles).
 */
public enum Role {
  /** The claims system: submit, read and process claims, balances, the FHIR interface. */
  BACKEND,
  /** Medical officers: the review queue, review decisions, review selection, sampling batches. */
  REVIEWER,
  /** Data scientists: model upload, activation, shadow, drift, training export. */
  MODELER,
  /** Operators: scheme replacement, imports, rules reload, keys, the audit trail. */
  ADMIN;

  /** The role's name as written in keys, commands and documents: lower case. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code id} (any case), if there is one. */
  public static Optional<Role> of(String id) {
    for (Role r : values()) {
      if (r.name().equalsIgnoreCase(id)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
