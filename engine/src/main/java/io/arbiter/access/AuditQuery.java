package io.arbiter.access;

import java.time.Instant;

/**
 * Which audit entries to read, newest first.
 *
 * @param action only this action (null for all)
 * @param from only entries recorded at or after this instant (null for no bound)
 * @param to only entries recorded before this instant (null for no bound)
 * @param offset entries skipped, 0 or more
 * @param limit entries returned at most, 1 or more
 */
public record AuditQuery(String action, Instant from, Instant to, int offset, int limit) {
  public AuditQuery {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
    }
  }

  /** Whether an entry passes the filters (offset and limit aside). */
  public boolean matches(AuditEntry e) {
    return (action == null || action.equals(e.action())) && (from == null || !e.at().isBefore(from))
        && (to == null || e.at().isBefore(to));
  }
}
