package io.arbiter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import java.io.IOException;
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
 * Jackson with the service's own mapper ({@code Json.mapper()}): reading a 10-line demo claim from
 * its JSON bytes, writing it, and the same for its decision (explanations, parameters and amounts
 * of every line; no risk). The HTTP submit does one claim read and one decision write. Score:
 * documents per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class JsonBenchmark {
  private ObjectMapper mapper;
  private Claim claim;
  private byte[] claimJson;
  private ClaimDecision decision;
  private byte[] decisionJson;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    SchemeDocument scheme = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme).build();
    DemoClaims generator = new DemoClaims(scheme, DemoScheme.DEFAULT_SEED, "BENCH-");
    do {
      claim = generator.next(10);
      decision = arbiter.claims().evaluate(claim);
    } while (decision.status() != ClaimStatus.CHECKED);
    mapper = Json.mapper();
    claimJson = mapper.writeValueAsBytes(claim);
    decisionJson = mapper.writeValueAsBytes(decision);
  }

  @Benchmark
  public Claim readClaim() throws IOException {
    return mapper.readValue(claimJson, Claim.class);
  }

  @Benchmark
  public byte[] writeClaim() throws IOException {
    return mapper.writeValueAsBytes(claim);
  }

  @Benchmark
  public ClaimDecision readDecision() throws IOException {
    return mapper.readValue(decisionJson, ClaimDecision.class);
  }

  @Benchmark
  public byte[] writeDecision() throws IOException {
    return mapper.writeValueAsBytes(decision);
  }
}
