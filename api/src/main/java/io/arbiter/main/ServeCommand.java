package io.arbiter.main;

import io.arbiter.cli.DatabaseOptions;
import io.arbiter.cli.EngineOptions;
import io.arbiter.cli.StartException;

import io.arbiter.api.ArbiterServer;
import io.arbiter.api.ArbiterServerOptions;
import io.arbiter.access.Actor;
import io.arbiter.access.IssuedKey;
import io.arbiter.access.Role;
import io.arbiter.engine.Arbiter;
import java.util.List;
import io.arbiter.scoring.onnx.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.arbiter.access.AuditLog;
import io.arbiter.access.KeyStore;
import io.arbiter.access.MemoryAuditLog;
import io.arbiter.access.MemoryKeyStore;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.MemoryStore;
import io.arbiter.store.Store;
import io.arbiter.store.StoreException;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
        "demo scheme on a new database. Every route but /health, /health/live, /health/ready,",
        "/openapi.yaml and the reviewer page's files needs an API key (see 'arbiter keys'); a demo",
        "(--demo, the embedded database or --store memory) whose store holds no key yet makes one per",
        "role and prints them once. /metrics (Prometheus) needs an admin key, or none on --management-port.",
        "With --store memory nothing is kept: an empty store at every start, for demos, integration",
        "tests and scripts (NOT durable). Options may also come from --config FILE and ARBITER_*",
        "variables (see 'arbiter config')."})
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

  @Option(names = "--management-port", paramLabel = "PORT", defaultValue = "" + ArbiterServerOptions.NO_MANAGEMENT_PORT,
      description = {"Second port serving /metrics and /health/* without a key (bind it where only monitoring",
          "reaches); without it (default) /metrics is on --port for admin keys."})
  int managementPort;

  @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO",
      description = {"Level of Arbiter's JSON log lines on standard error: TRACE, DEBUG, INFO (default: one",
          "line per request and per decision), WARN, ERROR or OFF. Libraries log at WARN."})
  String logLevel;

  @Option(names = "--openimis", paramLabel = "JDBC_URL", description = "Keep the scheme and population in step with"
      + " this openIMIS database (read-only): a full import at start, then every --refresh only what changed (see"
      + " arbiter import openimis). User --openimis-user, password $OPENIMIS_DB_PASSWORD.")
  String openImis;

  @Option(names = "--openimis-user", paramLabel = "USER", description = "openIMIS database user.")
  String openImisUser;

  @Option(names = "--refresh", paramLabel = "DURATION", defaultValue = "PT5M",
      description = "How often --openimis is read again, ISO-8601 (default: ${DEFAULT-VALUE}).")
  java.time.Duration refresh;

  @Option(names = "--no-scoring",
      description = {"Serve without a risk model: claims are not scored, /v1/models is not served, and",
          "readiness does not wait for an active model."})
  boolean noScoring;

  @Option(names = "--store", paramLabel = "KIND", defaultValue = DATABASE_STORE,
      description = {"Where claims, their history and the ledger are kept: '" + DATABASE_STORE + "' (default, --db)",
          "or '" + MEMORY_STORE + "': in this process only, empty at every start, with the demo scheme unless",
          "--scheme names one; NOT durable (everything is lost when the process stops), writes no",
          "file, ignores the --db options, imports no population or vouchers (501), and prints",
          "demo keys at every start."})
  String storeKind;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "" + ArbiterServer.DEFAULT_WORKERS,
      description = {"Worker threads running the requests' engine calls (default: ${DEFAULT-VALUE}). Each one in",
          "a claim's transaction holds one database connection: workers beyond --db-pool-size wait",
          "for one, so --db-pool-size equal to --workers lets every worker reach the database at once."})
  int workers;

  @Mixin
  DatabaseOptions database;

  @Mixin
  EngineOptions engine;

  @Spec
  CommandSpec spec;

  static final String DATABASE_STORE = "database";
  static final String MEMORY_STORE = "memory";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServeCommand.class);

  private static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(10);

  private volatile boolean listening;
  /** Where a new embedded demo database's keys are also written, relative to the working folder. */
  static final String DEMO_KEYS_FILE = "data/demo-keys.env";
  private Path demoKeysFile;

  /** Whether the server is up; the process must then not exit when the command returns. */
  boolean listening() {
    return listening;
  }

  @Override
  public Integer call() {
    checkOptions();
    PrometheusMeterRegistry meters = meters();
    ArbiterServerOptions options = new ArbiterServerOptions().setHost(host).setPort(port)
        .setRulesFolder(engine.rules).setMeters(meters).setManagementPort(managementPort);
    Opened opened = MEMORY_STORE.equals(storeKind) ? Opened.memory() : Opened.database(database, meters);
    Store store = opened.store();
    options.setKeys(opened.keys()).setAudit(opened.audit());
    List<IssuedKey> demoKeys;
    try {
      demoKeys = demoKeys(opened);
    } catch (RuntimeException e) {
      store.close();
      throw new StartException("cannot create the demo keys: " + e.getMessage(), e);
    }
    demoKeysFile = !demoKeys.isEmpty() && !MEMORY_STORE.equals(storeKind) && database.embeddedDefault()
        ? writeDemoKeys(demoKeys) : null;
    ModelRegistry registry = ModelRegistry.open(models);
    registry.scorer().bindTo(meters);
    if (!noScoring && registry.active().isEmpty()) {
      LOG.warn(noModelWarning(models));
    }
    Arbiter arbiter;
    try {
      arbiter = engine.arbiter(store, noScoring ? null : registry.scorer(), meters);
    } catch (RuntimeException e) {
      registry.close();
      store.close();
      throw e;
    }
    ArbiterServer server;
    try {
      server = ArbiterServer.startOwn(arbiter, noScoring ? null : registry, options, workers, meters);
    } catch (Exception e) {
      // startOwn rethrows the failure as it is, checked ones (BindException) included.
      registry.close();
      store.close();
      throw new StartException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    // On SIGTERM: stop accepting, let requests in progress commit and answer, then close the
    // database last.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(SHUTDOWN_GRACE);
      registry.close();
      store.close();
    }, "arbiter-shutdown"));
    if (openImis != null) {
      refreshFromOpenImis(arbiter);
    }
    listening = true;
    printStarted(registry, opened, server, demoKeys, arbiter);
    return 0;
  }

  /** Refuses option values out of range before anything starts. */
  private void checkOptions() {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be in 0..65535, was " + port);
    }
    if (managementPort < ArbiterServerOptions.NO_MANAGEMENT_PORT || managementPort > 65535) {
      throw new ParameterException(spec.commandLine(), "--management-port must be in 0..65535, was " + managementPort);
    }
    if (refresh.isNegative() || refresh.isZero()) {
      throw new ParameterException(spec.commandLine(), "--refresh must be positive, was " + refresh);
    }
    try {
      io.arbiter.log.LogLevels.apply(logLevel);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--log-level " + e.getMessage());
    }
    if (!DATABASE_STORE.equals(storeKind) && !MEMORY_STORE.equals(storeKind)) {
      throw new ParameterException(spec.commandLine(),
          "--store must be " + DATABASE_STORE + " or " + MEMORY_STORE + ", was '" + storeKind + "'");
    }
    if (workers < 1) {
      throw new ParameterException(spec.commandLine(), "--workers must be at least 1, was " + workers);
    }
  }

  /** What the operator is told once the server listens; the listening line last. */
  private void printStarted(ModelRegistry registry, Opened opened, ArbiterServer server, List<IssuedKey> demoKeys,
      Arbiter arbiter) {
    // The listening line comes last: scripts and tests wait for it and then read what came before.
    if (noScoring) {
      spec.commandLine().getOut().println("Scoring is disabled (--no-scoring): claims are not scored");
    } else if (registry.active().isPresent()) {
      spec.commandLine().getOut().println("Risk model " + registry.active().get().id() + " scores claims (models in "
          + models + ")");
    } else {
      spec.commandLine().getOut().println("WARNING: " + noModelWarning(models));
    }
    spec.commandLine().getOut().println(opened.description() + "; " + workers + " worker threads");
    if (server.managementPort() != ArbiterServerOptions.NO_MANAGEMENT_PORT) {
      spec.commandLine().getOut().printf("Metrics and health on http://%s:%d/metrics%n", host, server.managementPort());
    }
    if (!demoKeys.isEmpty()) {
      // Printed, not logged, and only this once: the database keeps their digests, not the keys.
      spec.commandLine().getOut().println("Demo API keys (shown once; manage them with 'arbiter keys'):");
      for (IssuedKey k : demoKeys) {
        spec.commandLine().getOut().printf("  %s key %s%n", k.key().name(), k.token());
      }
      spec.commandLine().getOut().printf("Reviewer page http://%s:%d/review/ (use the reviewer key)%n", host,
          server.port());
      if (demoKeysFile != null) {
        spec.commandLine().getOut().println("The same keys, as shell variables: . " + demoKeysFile);
      }
    }
    spec.commandLine().getOut().printf("Arbiter listening on http://%s:%d (scheme %s, ruleset %s)%n",
        host, server.port(), arbiter.scheme().summary().version(), arbiter.rules().version());
    spec.commandLine().getOut().flush();
  }

  /**
   * Runs the openIMIS refresher on a daemon thread of its own (it blocks on both databases, so never
   * on an event loop): at once, then --refresh after each run ends.
   */
  private void refreshFromOpenImis(Arbiter arbiter) {
    var refresher = new io.arbiter.openimis.OpenImisRefresher(openImis, openImisUser,
        System.getenv("OPENIMIS_DB_PASSWORD"), arbiter);
    var executor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "openimis-refresh");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(refresher, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The registry every meter goes to: the JVM's, Vert.x's (set on the Vertx), the pool's, the engine's. */
  private static PrometheusMeterRegistry meters() {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(meters);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmGcMetrics().bindTo(meters); // lives as long as the process
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    new UptimeMetrics().bindTo(meters);
    return meters;
  }

  /**
   * What a start without an active model must say, with the folder it looked in (absolute: a
   * relative --models is read from the working directory, which is where a start outside the
   * project folder goes wrong) and the flags that fix it.
   */
  static String noModelWarning(Path models) {
    return "no active risk model in " + models.toAbsolutePath().normalize() + " (no such folder, no ACTIVE file"
        + " there, or it names no model that loads): claims are not scored and /health/ready answers 503 until"
        + " a model is uploaded and activated (POST /v1/models, then /v1/models/{id}/activate);"
        + " name the models folder with --models DIR (e.g. the project's models/), or serve unscored"
        + " with --no-scoring";
  }

  /**
   * The store serve runs on, with its keys and audit trail and a line saying which it is.
   *
   * @param demo whether the store is a demo's (the embedded database, or memory), which gets demo
   *     keys when it holds none
   */
  private record Opened(Store store, KeyStore keys, AuditLog audit, boolean demo, String description) {

    /** Nothing kept beyond the process: a demo's, and empty, so its keys are made at every start. */
    static Opened memory() {
      return new Opened(new MemoryStore(), new MemoryKeyStore(), new MemoryAuditLog(), true,
          "In-memory store (--store memory): NOT durable, everything is lost when the process stops");
    }

    static Opened database(DatabaseOptions database, PrometheusMeterRegistry meters) {
      JdbcStore store;
      try {
        store = database.open();
      } catch (StoreException e) {
        throw new StartException(e.getMessage(), e);
      }
      store.bindTo(meters);
      return new Opened(store, store.keys(), store.audit(), database.embeddedDefault(),
          "Database store, " + database.storeOptions().getPoolSize() + " connections at most (--db-pool-size)");
    }
  }

  /*
   * Why only on an embedded or in-memory store or with --demo: a demo must work at once, but a production
   * database's first start must not print an admin key into a service log; there keys are made
   * with 'arbiter keys create' by whoever runs the service.
   */

  /*
   * Why a file as well: the README's first session is pasted into a second terminal, which cannot
   * read what this one printed. Only for the embedded default database, whose keys outlive the
   * process as the file does (rm -rf data removes both); readable by its owner only.
   */

  /** Writes the demo keys as {@code ROLE_KEY=token} lines to {@value #DEMO_KEYS_FILE}; the file's path. */
  private static Path writeDemoKeys(List<IssuedKey> keys) {
    Path file = Path.of(DEMO_KEYS_FILE);
    StringBuilder lines = new StringBuilder("# Arbiter's demo API keys, made at the embedded database's first start\n");
    for (IssuedKey k : keys) {
      lines.append(k.key().name().toUpperCase(java.util.Locale.ROOT)).append("_KEY=").append(k.token()).append('\n');
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, lines);
      return file;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("cannot write the demo keys to {}: {}", file, e.getMessage());
      return null;
    }
  }

  /** One key per role, named after it, when this is a demo and the store holds no key yet. */
  private List<IssuedKey> demoKeys(Opened opened) {
    if (!(engine.demo() || opened.demo()) || !opened.keys().isEmpty()) {
      return List.of();
    }
    List<IssuedKey> made = new java.util.ArrayList<>();
    for (Role role : Role.values()) {
      IssuedKey k = opened.keys().create(role.id(), java.util.Set.of(role));
      opened.audit().record(Actor.commandLine(), "key.create", k.key().id(), null, role.id());
      made.add(k);
    }
    return made;
  }
}
