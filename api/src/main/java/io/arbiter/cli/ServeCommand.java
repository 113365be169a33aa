package io.arbiter.cli;

import io.arbiter.api.ArbiterServer;
import io.arbiter.api.ArbiterServerOptions;
import io.arbiter.access.Actor;
import io.arbiter.access.IssuedKey;
import io.arbiter.access.Role;
import io.arbiter.engine.Arbiter;
import java.util.List;
import io.arbiter.scoring.ModelRegistry;
import java.nio.file.Path;
import io.arbiter.store.JdbcStore;
import io.arbiter.store.StoreException;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "serve",
    description = {"Serves the HTTP API until the process is stopped.",
        "GET /openapi.yaml describes the API. Claims, their history and the ledger are kept in the",
        "database (--db); without --scheme or --demo it serves the database's latest scheme, or the",
        "demo scheme on a new database. Every route but /health, /openapi.yaml and the reviewer page's",
        "files needs an API key (see 'arbiter keys'); a demo (--demo, or the embedded database) whose",
        "database holds no key yet makes one per role and prints them once."})
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ArbiterServerOptions.DEFAULT_PORT,
      description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = ArbiterServerOptions.DEFAULT_HOST,
      description = "Interface to listen on (default: ${DEFAULT-VALUE}, every interface).")
  String host;

  @Option(names = "--models", paramLabel = "DIR", defaultValue = "models",
      description = {"Risk models: one folder per version, the active one named in DIR/ACTIVE",
          "(default: ${DEFAULT-VALUE}, relative to the working directory). Without an active model",
          "claims are not scored; POST /v1/models uploads one."})
  Path models;

  @Mixin
  DatabaseOptions database;

  @Mixin
  EngineOptions engine;

  @Spec
  CommandSpec spec;

  private static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(10);

  private volatile boolean listening;

  /** Whether the server is up; the process must then not exit when the command returns. */
  boolean listening() {
    return listening;
  }

  @Override
  public Integer call() {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be in 0..65535, was " + port);
    }
    ArbiterServerOptions options = new ArbiterServerOptions().setHost(host).setPort(port)
        .setRulesFolder(engine.rules);
    JdbcStore store;
    try {
      store = database.open();
    } catch (StoreException e) {
      throw new StartException(e.getMessage(), e);
    }
    options.setKeys(store.keys()).setAudit(store.audit());
    List<IssuedKey> demoKeys;
    try {
      demoKeys = demoKeys(store);
    } catch (RuntimeException e) {
      store.close();
      throw new StartException("cannot create the demo keys: " + e.getMessage(), e);
    }
    ModelRegistry registry = ModelRegistry.open(models);
    Arbiter arbiter;
    try {
      arbiter = engine.arbiter(store, registry);
    } catch (RuntimeException e) {
      registry.close();
      store.close();
      throw e;
    }
    Vertx vertx = Vertx.vertx();
    ArbiterServer server;
    try {
      server = ArbiterServer.start(vertx, arbiter, registry, options).await();
    } catch (Exception e) {
      // await() rethrows the failure as it is, checked ones (BindException) included.
      vertx.close();
      registry.close();
      store.close();
      throw new StartException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    // On SIGTERM: stop accepting, let requests in progress commit and answer, then close the
    // database last.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      closeQuietly(server, vertx);
      registry.close();
      store.close();
    }, "arbiter-shutdown"));
    listening = true;
    // The listening line comes last: scripts and tests wait for it and then read what came before.
    spec.commandLine().getOut().println(registry.active()
        .map(m -> "Risk model " + m.id() + " scores claims (models in " + models + ")")
        .orElse("No active risk model in " + models + ": claims are not scored"));
    if (!demoKeys.isEmpty()) {
      // Printed, not logged, and only this once: the database keeps their digests, not the keys.
      spec.commandLine().getOut().println("Demo API keys (shown once; manage them with 'arbiter keys'):");
      for (IssuedKey k : demoKeys) {
        spec.commandLine().getOut().printf("  %s key %s%n", k.key().name(), k.token());
      }
      spec.commandLine().getOut().printf("Reviewer page http://%s:%d/review/ (use the reviewer key)%n", host,
          server.port());
    }
    spec.commandLine().getOut().printf("Arbiter listening on http://%s:%d (scheme %s, ruleset %s)%n",
        host, server.port(), arbiter.scheme().version(), arbiter.rulesetVersion());
    spec.commandLine().getOut().flush();
    return 0;
  }

  /*
   * Why only on an embedded database or with --demo: a demo must work at once, but a production
   * database's first start must not print an admin key into a service log; there keys are made
   * with 'arbiter keys create' by whoever runs the service.
   */

  /** One key per role, named after it, when this is a demo and the database holds no key yet. */
  private List<IssuedKey> demoKeys(JdbcStore store) {
    if (!(engine.demo() || database.embeddedDefault()) || !store.keys().isEmpty()) {
      return List.of();
    }
    List<IssuedKey> made = new java.util.ArrayList<>();
    for (Role role : Role.values()) {
      IssuedKey k = store.keys().create(role.id(), java.util.Set.of(role));
      store.audit().record(Actor.commandLine(), "key.create", k.key().id(), null, role.id());
      made.add(k);
    }
    return made;
  }

  private static void closeQuietly(ArbiterServer server, Vertx vertx) {
    try {
      server.shutdown(SHUTDOWN_GRACE).await(SHUTDOWN_GRACE.toSeconds() + 1, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // The process is ending anyway; there is nobody left to tell.
    }
  }

  /** The server could not start although every input was fine (port taken…). */
  static final class StartException extends RuntimeException {
    StartException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
