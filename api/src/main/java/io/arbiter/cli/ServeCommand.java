package io.arbiter.cli;

import io.arbiter.api.ArbiterServer;
import io.arbiter.api.ArbiterServerOptions;
import io.arbiter.engine.Arbiter;
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
        "demo scheme on a new database."})
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ArbiterServerOptions.DEFAULT_PORT,
      description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = ArbiterServerOptions.DEFAULT_HOST,
      description = "Interface to listen on (default: ${DEFAULT-VALUE}, every interface).")
  String host;

  @Option(names = "--reviewer-token", paramLabel = "TOKEN", defaultValue = "${env:ARBITER_REVIEWER_TOKEN}",
      description = {"Bearer token of the reviewer page (/review/) and API (default: ARBITER_REVIEWER_TOKEN;",
          "without either, a random one is made and printed at start)."})
  String reviewerToken;

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
    boolean generated = reviewerToken == null || reviewerToken.isEmpty();
    String token = generated ? randomToken() : reviewerToken;
    ArbiterServerOptions options;
    try {
      options = new ArbiterServerOptions().setHost(host).setPort(port).setReviewerToken(token)
          .setRulesFolder(engine.rules);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--reviewer-token: " + e.getMessage());
    }
    JdbcStore store;
    try {
      store = database.open();
    } catch (StoreException e) {
      throw new StartException(e.getMessage(), e);
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
    spec.commandLine().getOut().printf("Arbiter listening on http://%s:%d (scheme %s, ruleset %s)%n",
        host, server.port(), arbiter.scheme().version(), arbiter.rulesetVersion());
    spec.commandLine().getOut().println(registry.active()
        .map(m -> "Risk model " + m.id() + " scores claims (models in " + models + ")")
        .orElse("No active risk model in " + models + ": claims are not scored"));
    if (generated) {
      // Printed, not logged: it is what the reviewer types into the page, and it changes at every start.
      spec.commandLine().getOut().printf("Reviewer page http://%s:%d/review/ with token %s%n", host, server.port(),
          token);
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** 32 random bytes (256 bits), URL-safe Base64 without padding: no character needs quoting anywhere. */
  private static String randomToken() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
