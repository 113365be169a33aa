package io.arbiter.engine;

import io.arbiter.rules.ClaimRules;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scoring.RiskScorer;
import io.arbiter.store.MemoryStore;
import io.arbiter.store.SavedScheme;
import io.arbiter.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The adjudication engine's facade: one scheme, one set of rules, one store, and the services that
 * work on them, each for one concern: {@link #claims()} (submit, evaluate, read, process),
 * {@link #reviews()} (review queue and claim review), {@link #reviewSelections()},
 * {@link #sampling()} (sampling batches and extrapolation), {@link #balances()}, {@link #imports()}
 * (population and vouchers), {@link #scheme()} and {@link #rules()} (read and swap). Thread-safe;
 * the services' methods block (rules, valuation, I/O): never call them on an event loop.
 *
 * <p>Every method that refuses a request throws {@link ArbiterException} and changes nothing.
 */
public final class Arbiter {
  private final EngineState state;
  private final Claims claims;
  private final Reviews reviews;
  private final ReviewSelections reviewSelections;
  private final SamplingBatches sampling;
  private final Balances balances;
  private final Imports imports;
  private final CurrentScheme scheme;
  private final CurrentRules rules;

  private Arbiter(Builder b) {
    Store store = b.store != null ? b.store : new MemoryStore();
    this.state = new EngineState(Objects.requireNonNull(b.rules, "rules"), store,
        b.clock != null ? b.clock : Clock.systemUTC(), b.scorer, b.compiler,
        b.meters != null ? b.meters : new CompositeMeterRegistry());
    Decisions decisions = new Decisions(state.clock);
    ClaimChanges changes = new ClaimChanges(state, decisions);
    ReviewMarks marks = new ReviewMarks(store);
    this.claims = new Claims(state, new Decider(state, decisions), changes);
    this.reviews = new Reviews(state, decisions, changes);
    this.reviewSelections = new ReviewSelections(state, marks);
    this.sampling = new SamplingBatches(state, marks, changes);
    this.balances = new Balances(state);
    this.imports = new Imports(state);
    this.scheme = new CurrentScheme(state);
    this.rules = new CurrentRules(state);
    if (b.scheme != null) {
      scheme.replace(b.scheme);
    } else {
      SavedScheme saved = store.latestScheme().orElseThrow(() -> new IllegalStateException(
          "no scheme: give one, or a store that holds one"));
      state.scheme.set(SchemeSnapshot.of(saved.document(), saved.version(), saved.loadedAt()));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of an {@link Arbiter}; rules are required, the rest has defaults. */
  public static final class Builder {
    private ClaimRules rules;
    private RulesCompiler compiler;
    private SchemeDocument scheme;
    private Store store;
    private Clock clock;
    private RiskScorer scorer;
    private MeterRegistry meters;

    private Builder() {}

    /**
     * Where the engine registers its meters ({@code arbiter_claims_total}, adjudication and ledger
     * timings, risk scores, review queue length, rule sessions); none by default. Shared.
     */
    public Builder meters(MeterRegistry meters) {
      this.meters = meters;
      return this;
    }

    /**
     * Scores every adjudicated claim; none by default (decisions then carry no risk). A scorer
     * that fails leaves the rules decision standing, marked unscored.
     */
    public Builder scorer(RiskScorer scorer) {
      this.scorer = scorer;
      return this;
    }

    /** The rules that decide the claims; required. */
    public Builder rules(ClaimRules rules) {
      this.rules = rules;
      return this;
    }

    /** How {@link RulesReload} compiles a rules folder; none by default (then reloading fails). */
    public Builder rulesCompiler(RulesCompiler compiler) {
      this.compiler = compiler;
      return this;
    }

    /** The scheme to load (and save as a new version); defaults to the store's latest scheme. */
    public Builder scheme(SchemeDocument scheme) {
      this.scheme = scheme;
      return this;
    }

    /** Where claims, history and the ledger are kept; defaults to a {@link MemoryStore}. */
    public Builder store(Store store) {
      this.store = store;
      return this;
    }

    /** Clock for decision times; defaults to UTC system time. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * @throws NullPointerException if no rules are given
     * @throws io.arbiter.scheme.SchemeException if the scheme is invalid
     * @throws IllegalStateException if no scheme is given and the store holds none
     */
    public Arbiter build() {
      return new Arbiter(this);
    }
  }

  /** Claims: submit, evaluate, read back, history, process. */
  public Claims claims() {
    return claims;
  }

  /** Claim review: the review queue and a reviewer's decisions. */
  public Reviews reviews() {
    return reviews;
  }

  /** Review selection over a set of claims. */
  public ReviewSelections reviewSelections() {
    return reviewSelections;
  }

  /** Sampling batches: draw, read, report, extrapolate. */
  public SamplingBatches sampling() {
    return sampling;
  }

  /** Insurees' balances. */
  public Balances balances() {
    return balances;
  }

  /** Population and voucher imports. */
  public Imports imports() {
    return imports;
  }

  /** The current scheme: summary and swap. */
  public CurrentScheme scheme() {
    return scheme;
  }

  /** The current rules: version and swap. */
  public CurrentRules rules() {
    return rules;
  }

  /** Whether the store's database answers within about {@code timeout} (readiness); blocks. */
  public boolean storeReachable(Duration timeout) {
    return state.store.reachable(timeout);
  }
}
