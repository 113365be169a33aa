package io.arbiter.access;

import java.util.List;

/**
 * A page of the audit trail.
 *
 * @param total entries passing the filters, across all pages
 * @param entries this page's entries, newest first
 */
public record AuditPage(long total, List<AuditEntry> entries) {
  public AuditPage {
    entries = List.copyOf(entries);
  }
}
