package io.arbiter.access;

/**
 * The audit trail: an append-only record of every change to what decides claims (scheme versions,
 * rules, models), of review decisions and sampling, and of key changes. There is deliberately no
 * way to change or remove an entry. Implementations are thread-safe; methods may block (I/O).
 */
public interface AuditLog {
  /**
   * Appends an entry stamped with the current time.
   *
   * @param actor who did it
   * @param action what was done, as {@code subject.verb} (e.g. {@code rules.reload})
   * @param target what it was done to (null for the whole service)
   * @param beforeHash the state before (a SHA-256 from {@link Tokens#sha256} or an id); null for none
   * @param afterHash the state after; null for none
   * @return the entry as kept
   * @throws RuntimeException (such as {@code StoreException}) when it cannot be kept
   */
  AuditEntry record(Actor actor, String action, String target, String beforeHash, String afterHash);

  /** Entries passing the query's filters, newest first. */
  AuditPage entries(AuditQuery query);
}
