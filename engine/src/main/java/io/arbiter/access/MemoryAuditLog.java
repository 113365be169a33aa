package io.arbiter.access;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** An {@link AuditLog} in memory, for tests and servers without a database. Thread-safe. */
public final class MemoryAuditLog implements AuditLog {
  private final List<AuditEntry> entries = new ArrayList<>();
  private final Clock clock = Clock.systemUTC();

  @Override
  public synchronized AuditEntry record(Actor actor, String action, String target, String beforeHash,
      String afterHash) {
    AuditEntry e = new AuditEntry(entries.size() + 1, clock.instant(), actor.id(), actor.name(), action, target,
        beforeHash, afterHash);
    entries.add(e);
    return e;
  }

  @Override
  public synchronized AuditPage entries(AuditQuery query) {
    List<AuditEntry> matching = new ArrayList<>();
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (query.matches(entries.get(i))) {
        matching.add(entries.get(i));
      }
    }
    int from = (int) Math.min(query.offset(), matching.size());
    return new AuditPage(matching.size(), matching.subList(from, Math.min(matching.size(), from + query.limit())));
  }
}
