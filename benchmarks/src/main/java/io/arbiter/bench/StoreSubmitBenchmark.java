package io.arbiter.bench;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scoring.onnx.ModelRegistry;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import io.arbiter.store.MemoryStore;
import io.arbiter.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/*
 * Why claims are generated during the measurement rather than before it: every submission needs a
 * new claim (a repeated one would be answered from the store, or rejected for frequency), and
 * enough claims for 50 s at in-memory speed would not fit a sensible heap. The generator's own
 * cost is measured by `generate`, to be read against the in-memory score.
 * Why the store is not emptied between iterations: a service's store only grows, and the figure
 * should include what growth costs (bigger indexes, longer family ledgers); the last iterations
 * run on the biggest database.
 */

/**
 * Throughput of {@link io.arbiter.engine.Claims#submit}: entry checks, rules, valuation, then the claim, its event,
 * its lines and its ledger entry stored in one transaction, on {@link MemoryStore}, on
 * {@link JdbcStore} over an H2 file database in a temporary folder, and on JdbcStore over
 * PostgreSQL (a fresh schema on {@code ARBITER_BENCH_PG_URL}, by default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code ARBITER_BENCH_PG_USER} or
 * {@code postgres}; dropped afterwards). Each call submits a new 10-line claim from
 * {@link DemoClaims} (the demo scheme, 3000 insurees), a mixed stream of checked and rejected
 * claims. {@code submitScored} is the whole in-process submit with scoring too (MemoryStore, the
 * benchmarks' model active in a ModelRegistry). Scores are claims per second of all threads
 * together.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class StoreSubmitBenchmark {
  /** Lines per claim, as in {@link AdjudicationBenchmark}. */
  static final int LINES = 10;

  private static final String PG_URL =
      System.getenv().getOrDefault("ARBITER_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = System.getenv().getOrDefault("ARBITER_BENCH_PG_USER", "postgres");

  /** The demo scheme, made once per trial. */
  @State(Scope.Benchmark)
  public static class Scheme {
    SchemeDocument document;

    @Setup(Level.Trial)
    public void setUp() {
      document = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
    }
  }

  /** An engine over a new, empty store of the kind named. */
  @State(Scope.Benchmark)
  public static class Service {
    @Param({"memory", "h2", "postgresql"})
    String store;

    Arbiter arbiter;
    private Store opened;
    private Path h2Folder;
    private String pgSchema;

    @Setup(Level.Trial)
    public void setUp(Scheme scheme) throws IOException {
      opened = switch (store) {
        case "memory" -> new MemoryStore();
        case "h2" -> {
          h2Folder = Files.createTempDirectory("arbiter-bench-");
          yield JdbcStore.open(
              new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(h2Folder.resolve("db").toString())));
        }
        case "postgresql" -> {
          pgSchema = "arbiter_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
          postgres("CREATE SCHEMA " + pgSchema);
          yield JdbcStore.open(new JdbcStoreOptions().setUser(PG_USER)
              .setUrl(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + pgSchema));
        }
        default -> throw new IllegalArgumentException("store must be memory, h2 or postgresql, was " + store);
      };
      arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme.document).store(opened).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      opened.close();
      if (pgSchema != null) {
        postgres("DROP SCHEMA " + pgSchema + " CASCADE");
      }
      if (h2Folder != null) {
        System.out.printf("%nH2 database: %d MB%n", size(h2Folder) >> 20);
        delete(h2Folder);
      }
    }
  }

  /**
   * The whole in-process submit with a risk model: a {@code MemoryStore} engine whose scorer is a
   * {@code ModelRegistry} with the benchmarks' logistic regression active (as {@code serve} runs it).
   */
  @State(Scope.Benchmark)
  public static class ScoredService {
    Arbiter arbiter;
    private ModelRegistry registry;
    private Path models;

    @Setup(Level.Trial)
    public void setUp(Scheme scheme) throws IOException {
      models = Files.createTempDirectory("arbiter-bench-models-");
      BenchModel.train().writeFolder(models, "bench");
      registry = ModelRegistry.open(models);
      registry.activate("bench");
      arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme.document).scorer(registry.scorer()).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      registry.close();
      delete(models);
    }
  }

  private static void delete(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void postgres(String sql) {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static long size(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }

  /** Each thread's own generator (DemoClaims is not thread-safe), with its own codes. */
  @State(Scope.Thread)
  public static class Claims {
    DemoClaims generator;
    long submitted;
    long checked;

    @Setup(Level.Trial)
    public void setUp(Scheme scheme, ThreadParams thread) {
      int index = thread.getThreadIndex();
      generator = new DemoClaims(scheme.document, DemoScheme.DEFAULT_SEED + index, "B" + index + "-");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (submitted > 0) {
        System.out.printf("%n%s: %d claims submitted, %d %% checked (status 4)%n",
            Thread.currentThread().getName(), submitted, 100 * checked / submitted);
      }
    }

    ClaimDecision submit(Arbiter arbiter) {
      ClaimDecision decision = arbiter.claims().submit(generator.next(LINES)).decision();
      submitted++;
      if (decision.status() == ClaimStatus.CHECKED) {
        checked++;
      }
      return decision;
    }
  }

  /** One thread: claims stored per second. */
  @Benchmark
  public ClaimDecision submit(Service service, Claims claims) {
    return claims.submit(service.arbiter);
  }

  /**
   * The whole in-process submit, one thread: scheme lookup, entry checks, rules, valuation, the
   * ledger booking in a {@code MemoryStore}, and scoring by the active model (features, ORT,
   * reasons). Claims stored per second.
   */
  @Benchmark
  public ClaimDecision submitScored(ScoredService service, Claims claims) {
    return claims.submit(service.arbiter);
  }

  /** Two threads, one per core of the reference machine: claims stored per second by both. */
  @Benchmark
  @Threads(2)
  public ClaimDecision submitTwoThreads(Service service, Claims claims) {
    return claims.submit(service.arbiter);
  }

  /** What generating the claims costs the submit benchmarks: claims made per second on one thread. */
  @Benchmark
  @Warmup(iterations = 1, time = 10)
  @Measurement(iterations = 2, time = 10)
  public Claim generate(Claims claims) {
    return claims.generator.next(LINES);
  }
}
