package io.arbiter.api;

import io.arbiter.access.Actor;
import io.arbiter.access.AuditLog;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import io.arbiter.engine.RulesReload;
import io.arbiter.engine.JsonInput;
import io.arbiter.scheme.SchemeDocument;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.List;

/** The scheme's and the rules' routes: read or replace the scheme, reload the rules folder. */
final class SchemeHandlers {
  private final Arbiter arbiter;
  private final AuditLog audit;
  private final Path rulesFolder;

  /** @param rulesFolder the folder {@code POST /v1/rules:reload} recompiles; null when the rules cannot change */
  SchemeHandlers(Arbiter arbiter, AuditLog audit, Path rulesFolder) {
    this.arbiter = arbiter;
    this.audit = audit;
    this.rulesFolder = rulesFolder;
  }

  void scheme(RoutingContext ctx) {
    Reply.onWorker(ctx, () -> Reply.ok(arbiter.scheme().summary()));
  }

  void replaceScheme(RoutingContext ctx) {
    byte[] body = Requests.body(ctx);
    Actor actor = Access.actor(ctx);
    Reply.onWorker(ctx, () -> {
      String before = arbiter.scheme().summary().version();
      Object replaced = arbiter.scheme().replace(JsonInput.read(body, SchemeDocument.class));
      audit.record(actor, "scheme.replace", null, before, arbiter.scheme().summary().version());
      return Reply.ok(replaced);
    });
  }

  /**
   * {@code POST /v1/rules:reload}: recompiles the configured rules folder, runs its scenarios and
   * swaps the ruleset only if they pass (422 with the errors otherwise). It has no body: what is
   * reloaded is never taken from the request (DRL runs arbitrary Java).
   */
  void reloadRules(RoutingContext ctx) {
    if (!Requests.postOnly(ctx)) {
      return;
    }
    if (rulesFolder == null) {
      ctx.fail(new ArbiterException(ArbiterException.Kind.CONFLICT,
          "this server runs the rules built into Arbiter, which cannot change; start it with --rules DIR", List.of()));
      return;
    }
    Actor actor = Access.actor(ctx);
    // Compiling takes seconds: on a worker, like every engine call, so claims keep flowing meanwhile.
    Reply.onWorker(ctx, () -> {
      RulesReload.Result result = RulesReload.reload(arbiter, rulesFolder);
      audit.record(actor, "rules.reload", rulesFolder.toString(), result.previous(), result.version());
      return Reply.ok(result);
    });
  }
}
