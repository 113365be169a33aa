package io.arbiter.bench;

import io.arbiter.claim.Claim;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scoring.ClaimContext;
import io.arbiter.scoring.FeatureExtractor;
import io.arbiter.scoring.ReferenceStats;
import io.arbiter.scoring.RiskScorer;
import io.arbiter.scoring.ScoredClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Extracting the features of one 10-line claim ({@link FeatureExtractor#extract(ClaimContext, float[][], int)}
 * into reused rows): the contexts are the ones the Arbiter hands its scorer for 64 checked demo
 * claims (captured once). Score: claims per second; lines per second = score × 10.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class FeatureExtractionBenchmark {
  static final int CLAIMS = 64;
  static final int LINES = 10;

  private ClaimContext[] contexts;
  private FeatureExtractor extractor;
  private float[][] rows;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    SchemeDocument scheme = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
    List<ClaimContext> captured = new ArrayList<>();
    RiskScorer capture = new RiskScorer() {
      @Override
      public ScoredClaim score(ClaimContext context) {
        captured.add(context);
        return null;
      }

      @Override
      public String modelVersion() {
        return null;
      }
    };
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme).scorer(capture).build();
    DemoClaims generator = new DemoClaims(scheme, DemoScheme.DEFAULT_SEED, "FEAT-");
    while (captured.size() < CLAIMS) {
      Claim claim = generator.next(LINES);
      arbiter.claims().evaluate(claim);
    }
    contexts = captured.toArray(ClaimContext[]::new);
    extractor = new FeatureExtractor(ReferenceStats.EMPTY);
    rows = new float[LINES][];
  }

  @Benchmark
  public float[][] extract() {
    extractor.extract(contexts[next++ & (CLAIMS - 1)], rows, 0);
    return rows;
  }
}
