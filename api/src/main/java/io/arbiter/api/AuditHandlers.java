package io.arbiter.api;

import io.arbiter.access.AuditLog;
import io.arbiter.access.AuditQuery;
import io.arbiter.engine.Problem;
import io.arbiter.input.Identifiers;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The audit trail's route. */
final class AuditHandlers {
  private static final Set<String> AUDIT_PARAMETERS = Set.of("action", "from", "to", "offset", "limit");

  private final AuditLog audit;

  AuditHandlers(AuditLog audit) {
    this.audit = audit;
  }

  /**
   * {@code GET /v1/audit}: the audit trail, newest first, filtered by {@code action} and a time
   * range {@code from} (inclusive) .. {@code to} (exclusive), as ISO-8601 instants; paged by
   * {@code offset} and {@code limit} (1..1000, default 100).
   */
  void audit(RoutingContext ctx) {
    MultiMap q = ctx.queryParams();
    List<Problem> problems = new ArrayList<>();
    q.names().stream().filter(n -> !AUDIT_PARAMETERS.contains(n)).sorted()
        .forEach(n -> problems.add(new Problem(n, "is not a parameter of the audit trail", false)));
    Instant from = Requests.instant(q.get("from"), "from", problems);
    Instant to = Requests.instant(q.get("to"), "to", problems);
    int offset = Requests.queryInt(q.get("offset"), "offset", 0, 0, Integer.MAX_VALUE, problems);
    int limit = Requests.queryInt(q.get("limit"), "limit", 100, 1, 1000, problems);
    if (q.get("action") != null) {
      Identifiers.problem(q.get("action")).ifPresent(p -> problems.add(new Problem("action", p, false)));
    }
    if (Requests.valid(ctx, "the audit query is not valid", problems)) {
      String action = q.get("action");
      Reply.onWorker(ctx, () -> Reply.ok(audit.entries(new AuditQuery(action, from, to, offset, limit))));
    }
  }
}
