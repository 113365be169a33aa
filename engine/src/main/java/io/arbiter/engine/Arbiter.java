package io.arbiter.engine;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineRisk;
import io.arbiter.claim.LineStatus;
import io.arbiter.claim.RejectionCode;
import io.arbiter.claim.ReviewSelection;
import io.arbiter.claim.ReviewStatus;
import io.arbiter.review.BatchRequest;
import io.arbiter.review.BatchClaim;
import io.arbiter.review.BatchSummary;
import io.arbiter.review.SamplingBatch;
import io.arbiter.review.SamplingReport;
import io.arbiter.review.SelectionRequest;
import io.arbiter.review.SelectionResult;
import io.arbiter.json.Json;
import io.arbiter.ledger.ClaimUsage;
import io.arbiter.ledger.PolicyAmounts;
import io.arbiter.ledger.UtilisationLedger;
import io.arbiter.population.ImportException;
import io.arbiter.population.ImportFormat;
import io.arbiter.population.ImportListener;
import io.arbiter.population.ImportSummary;
import io.arbiter.population.VoucherImportSummary;
import io.arbiter.rules.ClaimRules;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.LineKind;
import io.arbiter.ledger.DecisionWithLedger;
import io.arbiter.ledger.LedgerEntry;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.Product;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scoring.ClaimContext;
import io.arbiter.scoring.RiskScorer;
import io.arbiter.scoring.ScoredClaim;
import io.arbiter.store.ClaimEvent;
import io.arbiter.store.ClaimFilter;
import io.arbiter.store.MemoryStore;
import io.arbiter.store.PopulationStore;
import io.arbiter.store.ReviewQueueFilter;
import io.arbiter.store.ReviewQueuePage;
import io.arbiter.store.ReviewQueueStore;
import io.arbiter.store.SamplingStore;
import io.arbiter.store.SavedScheme;
import io.arbiter.store.Store;
import io.arbiter.store.StoredClaim;
import io.arbiter.store.Tx;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The adjudication engine's facade: submit, review and process claims against the current scheme,
 * and read balances. Thread-safe: adjudications of one family are serialised (so two concurrent
 * claims see each other's usage, and members of a family share policy amounts safely), other
 * families run in parallel. A decision is returned only once the store has committed it. Methods block (rules, valuation, I/O):
 * never call them on an event loop.
 *
 * <p>Every method that refuses a request throws {@link ArbiterException} and changes nothing.
 */
public final class Arbiter {
  // Swapped whole by replaceRules; each adjudication reads it once, so it finishes on the ruleset it
  // started with and records that ruleset's version.
  private final AtomicReference<RuleSet> rules = new AtomicReference<>();
  private final Store store;
  private final Clock clock;
  private final RiskScorer scorer;
  // Null but in tests and benchmarks, which decide with the hand-written reference evaluator instead
  // of the ruleset, around the same pre-joins, product choice and valuation.
  private final ClaimRules checks;
  private final AtomicReference<SchemeSnapshot> scheme = new AtomicReference<>();
  private final Telemetry telemetry;

  private Arbiter(Builder b) {
    this.rules.set(Objects.requireNonNull(b.rules, "rules"));
    this.store = b.store != null ? b.store : new MemoryStore();
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.scorer = b.scorer;
    this.checks = b.checks;
    this.telemetry = new Telemetry(b.meters != null ? b.meters
        : new io.micrometer.core.instrument.composite.CompositeMeterRegistry(), rules::get, store);
    if (b.scheme != null) {
      replaceScheme(b.scheme);
    } else {
      SavedScheme saved = store.latestScheme().orElseThrow(() -> new IllegalStateException(
          "no scheme: give one, or a store that holds one"));
      scheme.set(SchemeSnapshot.of(saved.document(), saved.version(), saved.loadedAt()));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of an {@link Arbiter}; rules are required, the rest has defaults. */
  public static final class Builder {
    private RuleSet rules;
    private SchemeDocument scheme;
    private Store store;
    private Clock clock;
    private RiskScorer scorer;
    private ClaimRules checks;
    private io.micrometer.core.instrument.MeterRegistry meters;

    private Builder() {}

    /** Decides with these checks of the facts instead of the ruleset's (tests and benchmarks). */
    Builder checks(ClaimRules checks) {
      this.checks = checks;
      return this;
    }

    /**
     * Where the engine registers its meters ({@code arbiter_claims_total}, adjudication and ledger
     * timings, risk scores, review queue length, Drools sessions); none by default. Shared.
     */
    public Builder meters(io.micrometer.core.instrument.MeterRegistry meters) {
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

    public Builder rules(RuleSet rules) {
      this.rules = rules;
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
     * @throws io.arbiter.scheme.SchemeException if the scheme is invalid
     * @throws IllegalStateException if no scheme is given and the store holds none
     */
    public Arbiter build() {
      return new Arbiter(this);
    }
  }

  /** The result of a submission: the decision, and whether this call created it. */
  public record Submission(ClaimDecision decision, boolean created) {}

  /**
   * Replaces the whole scheme atomically; adjudications in flight finish on the old one.
   *
   * @throws io.arbiter.scheme.SchemeException listing every problem; the old scheme stays
   */
  public SchemeSummary replaceScheme(SchemeDocument document) {
    SchemeSnapshot snapshot = SchemeSnapshot.of(document, contentHash(document));
    store.saveScheme(document, snapshot);
    scheme.set(snapshot);
    return scheme();
  }

  public SchemeSummary scheme() {
    SchemeSnapshot s = scheme.get();
    return new SchemeSummary(s.document().name(), s.version(), s.loadedAt(), s.settings(), s.counts(), s.warnings());
  }

  /** Version of the rules that make decisions. */
  public String rulesetVersion() {
    return rules.get().version();
  }

  /** Whether the store's database answers within about {@code timeout} (readiness); blocks. */
  public boolean storeReachable(java.time.Duration timeout) {
    return store.reachable(timeout);
  }

  /** The ruleset that adjudicates claims submitted from now on. */
  public RuleSet rules() {
    return rules.get();
  }

  /**
   * Replaces the ruleset atomically: adjudications in flight finish on the old one, later ones run
   * on {@code next} and record its version. Checking the new rules (scenarios) is the caller's
   * business, see {@link RulesReload}.
   *
   * @param next not null
   * @return the ruleset replaced
   */
  public RuleSet replaceRules(RuleSet next) {
    return rules.getAndSet(Objects.requireNonNull(next, "next"));
  }

  /**
   * The key claims are serialised under (see {@link Population#familyKey}): claims of one key see
   * each other's usage, so a caller running claims in parallel keeps those of one key in order.
   * Thread-safe; may read the store's population.
   */
  public String familyKey(String chfId) {
    return store.population(scheme.get()).familyKey(chfId);
  }

  /**
   * Checks, adjudicates and provisionally values a claim, and books its usage. Posting the same
   * claim again returns the stored decision ({@code created} false).
   *
   * @throws ArbiterException MALFORMED or INVALID (entry errors, docs/adjudication.md §4.0) or CONFLICT (the code is
   *     taken by a different claim)
   */
  public Submission submit(Claim claim) {
    long start = System.nanoTime();
    SchemeSnapshot snapshot = scheme.get();
    Population population = entered(claim, snapshot);
    Optional<StoredClaim> existing = store.claim(claim.code());
    if (existing.isPresent()) {
      return resubmission(existing.get(), claim);
    }
    Submission submitted = telemetry.transaction().record(() -> store.inFamily(population.familyKey(claim.chfId()), tx -> {
      Decided decided = telemetry.adjudication().record(() -> decide(claim, snapshot, population, tx.ledger()));
      if (!tx.insert(new StoredClaim(claim, decided.decision()), "submitted")) {
        return resubmission(tx.claim(claim.code()).orElseThrow(), claim);
      }
      if (decided.decision().status() == ClaimStatus.CHECKED) {
        telemetry.book().record(() -> tx.ledger().book(usage(claim, decided.decision(), decided.amounts(), false)));
      }
      return new Submission(decided.decision(), true);
    }));
    if (submitted.created()) {
      telemetry.decided(submitted.decision(), start);
    }
    return submitted;
  }

  /**
   * Adjudicates and values a claim as {@link #submit} would, without storing it or booking its
   * usage (a what-if check; also what the benchmarks measure).
   *
   * @throws ArbiterException MALFORMED or INVALID (entry errors)
   */
  public ClaimDecision evaluate(Claim claim) {
    SchemeSnapshot snapshot = scheme.get();
    Population population = entered(claim, snapshot);
    return store.inFamily(population.familyKey(claim.chfId()),
        tx -> decide(claim, snapshot, population, tx.ledger()).decision());
  }

  private record Decided(ClaimDecision decision, List<PolicyAmounts> amounts) {}

  private Decided decide(Claim claim, SchemeSnapshot snapshot, Population population, UtilisationLedger ledger) {
    ClaimRules ruleSet = checks != null ? checks : rules.get();
    String rulesVersion = ruleSet.version();
    Adjudicator.Outcome outcome = new Adjudicator(ruleSet, ledger).adjudicate(claim, snapshot, population);
    List<LineState> lines = outcome.lines();
    ProductChoice.chooseAll(snapshot, claim, outcome);
    if (outcome.category() == null) {
      return new Decided(decision(rulesVersion, snapshot, claim, lines, ClaimStatus.REJECTED, null,
          ReviewStatus.IDLE, null), List.of());
    }
    List<PolicyAmounts> amounts = new Valuator(snapshot, population, ledger)
        .value(claim, lines, outcome.category(), outcome.patient().adult);
    ClaimDecision checked = decision(rulesVersion, snapshot, claim, lines, ClaimStatus.CHECKED, outcome.category(),
        ReviewStatus.IDLE, null);
    ClaimDecision scored = scored(checked, claim, snapshot, population, ledger);
    if (scored.risk() == null) {
      return new Decided(scored, amounts);
    }
    ReviewSelector selector = new ReviewSelector(snapshot.settings().reviewSelection());
    if (selector.rejects(scored.risk())) {
      return new Decided(autoRejected(rulesVersion, snapshot, claim, lines, scored, selector), List.of());
    }
    ReviewSelection selection = selector.atSubmit(scored.risk());
    return new Decided(scored.withReview(selection.selected() ? ReviewStatus.SELECTED
        : ReviewStatus.NOT_SELECTED, selection), amounts);
  }

  /**
   * Spec §1, code -2: the scheme turned automatic rejection on and the claim's value at stake reached it.
   * Every passed line is rejected, so the claim is rejected and books nothing.
   */
  private ClaimDecision autoRejected(String rulesVersion, SchemeSnapshot snapshot, Claim claim, List<LineState> lines,
      ClaimDecision scored, ReviewSelector selector) {
    double rejectAt = snapshot.settings().reviewSelection().rejectAt();
    for (LineState line : lines) {
      if (line.passed()) {
        line.reject(RejectionCode.AUTO_REJECTED, "-2 risk model", "the claim's value at stake " + scored.risk().valueAtStake()
            + " reached the scheme's automatic rejection threshold " + rejectAt,
            Map.of("valueAtStake", scored.risk().valueAtStake(), "score", scored.risk().score(), "rejectAt", rejectAt));
      }
    }
    ClaimDecision rejected = keepRisk(scored, decision(rulesVersion, snapshot, claim, lines, ClaimStatus.REJECTED, null,
        ReviewStatus.IDLE, null));
    return rejected.withReview(ReviewStatus.IDLE, new ReviewSelection(selector.version(),
        ReviewSelection.MODE_RISK, false, "rejected automatically (code -2): value at stake " + scored.risk().valueAtStake()
        + " ≥ " + rejectAt, null));
  }

  /** The decision with its risk; a scorer's failure is recorded on the decision, never thrown. */
  private ClaimDecision scored(ClaimDecision decision, Claim claim, SchemeSnapshot snapshot, Population population,
      UtilisationLedger ledger) {
    if (scorer == null) {
      return decision;
    }
    ScoredClaim scored;
    try {
      scored = scorer.score(new ClaimContext(claim, decision, snapshot, population.insuree(claim.chfId()), ledger));
    } catch (RuntimeException e) {
      return decision.withRisk(ClaimRisk.unscored(scorer.modelVersion(), String.valueOf(e.getMessage())),
          decision.items(), decision.services());
    }
    if (scored == null) {
      return decision; // no model is active
    }
    return decision.withRisk(scored.risk(), withLineRisks(decision.items(), scored.items()),
        withLineRisks(decision.services(), scored.services()));
  }

  private static List<LineDecision> withLineRisks(List<LineDecision> lines, List<LineRisk> risks) {
    List<LineDecision> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      LineRisk risk = i < risks.size() ? risks.get(i) : null;
      out.add(risk == null ? lines.get(i) : lines.get(i).withRisk(risk));
    }
    return out;
  }

  /** A later state of a claim keeps the risk it was given when submitted, and why it was selected. */
  private static ClaimDecision keepRisk(ClaimDecision earlier, ClaimDecision later) {
    if (earlier.selection() != null) {
      later = later.withReview(later.reviewStatus(), earlier.selection());
    }
    if (earlier.risk() == null) {
      return later;
    }
    return later.withRisk(earlier.risk(), keepLineRisks(earlier.items(), later.items()),
        keepLineRisks(earlier.services(), later.services()));
  }

  private static List<LineDecision> keepLineRisks(List<LineDecision> earlier, List<LineDecision> later) {
    List<LineRisk> risks = new ArrayList<>(later.size());
    for (LineDecision line : later) {
      risks.add(earlier.stream().filter(e -> e.lineNo() == line.lineNo()).findFirst()
          .map(LineDecision::risk).orElse(null));
    }
    return withLineRisks(later, risks);
  }

  /** Spec §4.0; returns the population the claim is adjudicated against. */
  private Population entered(Claim claim, SchemeSnapshot snapshot) {
    Population population = store.population(snapshot);
    List<Problem> problems = EntryChecks.of(claim, snapshot, population);
    if (!problems.isEmpty()) {
      boolean malformed = problems.stream().anyMatch(Problem::missing);
      throw new ArbiterException(malformed ? ArbiterException.Kind.MALFORMED : ArbiterException.Kind.INVALID,
          "the claim cannot be entered", problems);
    }
    return population;
  }

  private static Submission resubmission(StoredClaim stored, Claim claim) {
    if (stored.claim().equals(claim)) {
      return new Submission(stored.decision(), false);
    }
    throw ArbiterException.conflict("claim code " + claim.code() + " is already used by another claim", "/code");
  }

  /** The claim's current decision, if the claim exists. */
  public Optional<ClaimDecision> claim(String code) {
    return store.claim(code).map(StoredClaim::decision);
  }

  /**
   * The claim's current decision with its own ledger entry as of the same commit (issue 15 §6): per
   * policy what it deducted, remunerated and paid beyond the ceilings, and whether that is
   * provisional or final; without an entry when the claim books nothing.
   */
  public Optional<DecisionWithLedger> claimWithLedger(String code) {
    return store.bookedClaim(code).map(b -> new DecisionWithLedger(b.stored().decision(),
        b.usage() == null ? null : LedgerEntry.of(b.usage())));
  }

  /**
   * The claim as it was submitted (the request, not the decision), if the claim exists; what a
   * client needs to read a claim back in another form, such as FHIR.
   */
  public Optional<Claim> submitted(String code) {
    return store.claim(code).map(StoredClaim::claim);
  }

  /** Every state of the claim's decision, oldest first; empty if the claim does not exist. */
  public List<ClaimEvent> history(String code) {
    return store.history(code);
  }

  /** The largest page {@link #reviewQueue} gives. */
  public static final int MAX_QUEUE_PAGE_SIZE = 100;

  /**
   * A page of the claims awaiting review, riskiest first (which claims: {@link ReviewQueueFilter}).
   *
   * @param filter which claims; {@link ReviewQueueFilter#ALL} for the whole queue
   * @param page the page's number, from 1
   * @param size entries per page, 1 to {@value #MAX_QUEUE_PAGE_SIZE}
   * @throws IllegalArgumentException when page or size is out of range
   * @throws UnsupportedOperationException when the store keeps no review queue
   */
  public ReviewQueue reviewQueue(ReviewQueueFilter filter, int page, int size) {
    if (page < 1) {
      throw new IllegalArgumentException("page must be at least 1, was " + page);
    }
    if (size < 1 || size > MAX_QUEUE_PAGE_SIZE) {
      throw new IllegalArgumentException("size must be in 1.." + MAX_QUEUE_PAGE_SIZE + ", was " + size);
    }
    long offset = (long) (page - 1) * size;
    if (offset > Integer.MAX_VALUE) {
      // No store holds that many claims in its queue: the page is past the end.
      return new ReviewQueue(page, size, reviewQueueStore().reviewQueue(Objects.requireNonNull(filter, "filter"), 0, 1).total(),
          List.of());
    }
    ReviewQueuePage found = reviewQueueStore().reviewQueue(Objects.requireNonNull(filter, "filter"), (int) offset, size);
    return new ReviewQueue(page, size, found.total(), found.claims().stream().map(ReviewQueue.Entry::of).toList());
  }

  /**
   * Delivers a reviewer's decisions and re-values the claim provisionally; a claim whose every line
   * is then rejected becomes status 1 and leaves the ledger.
   *
   * @throws ArbiterException NOT_FOUND, CONFLICT (claim not checked) or INVALID (bad line values)
   */
  public ClaimDecision review(String code, Review review) {
    return onCheckedClaim(code, "reviewed", (tx, stored, snapshot, population) -> {
      Claim claim = stored.claim();
      List<LineState> lines = lines(stored.decision());
      List<Problem> problems = new ArrayList<>();
      applyReviews(lines, LineKind.ITEM, review.items(), "/items/", problems);
      applyReviews(lines, LineKind.SERVICE, review.services(), "/services/", problems);
      if (!problems.isEmpty()) {
        throw new ArbiterException(ArbiterException.Kind.INVALID, "the review cannot be delivered", problems);
      }
      Valuator.requireInScheme(snapshot, claim, lines);
      tx.ledger().remove(code);
      if (lines.stream().noneMatch(LineState::passed)) {
        ClaimDecision rejected = keepRisk(stored.decision(), decision(stored.decision().rulesetVersion(), snapshot, claim, lines,
            ClaimStatus.REJECTED, null, ReviewStatus.DELIVERED, null));
        tx.update(new StoredClaim(claim, rejected), "reviewed");
        return rejected;
      }
      String category = stored.decision().category();
      List<PolicyAmounts> amounts = revalue(snapshot, population, tx.ledger(), claim, lines, category);
      ClaimDecision decision = keepRisk(stored.decision(), decision(stored.decision().rulesetVersion(), snapshot, claim, lines,
          ClaimStatus.CHECKED, category, ReviewStatus.DELIVERED, null));
      tx.update(new StoredClaim(claim, decision), "reviewed");
      tx.ledger().book(usage(claim, decision, amounts, false));
      return decision;
    });
  }

  private interface CheckedClaimWork {
    ClaimDecision apply(Tx tx, StoredClaim stored, SchemeSnapshot snapshot, Population population);
  }

  /** Runs work on a checked claim (status 4) under its family's lock. */
  private ClaimDecision onCheckedClaim(String code, String action, CheckedClaimWork work) {
    long start = System.nanoTime();
    StoredClaim known = store.claim(code).orElseThrow(() -> ArbiterException.notFound(code));
    SchemeSnapshot snapshot = scheme.get();
    Population population = store.population(snapshot);
    ClaimDecision decided = store.inFamily(population.familyKey(known.claim().chfId()), tx -> {
      StoredClaim stored = tx.claim(code).orElseThrow();
      requireChecked(stored.decision(), action);
      return work.apply(tx, stored, snapshot, population);
    });
    telemetry.changed(decided, action, start);
    return decided;
  }

  /** Values the passed lines again, the claim's own earlier booking having been removed. */
  private static List<PolicyAmounts> revalue(SchemeSnapshot snapshot, Population population,
      UtilisationLedger ledger, Claim claim, List<LineState> lines, String category) {
    Patient patient = Patient.at(snapshot, population, claim.chfId(), claim.dateFrom(), claim.targetDate());
    return new Valuator(snapshot, population, ledger).value(claim, lines, category, patient.adult);
  }

  private static void applyReviews(List<LineState> lines, LineKind kind, List<Review.LineReview> reviews,
      String pointer, List<Problem> problems) {
    for (int i = 0; i < reviews.size(); i++) {
      Review.LineReview r = reviews.get(i);
      String at = pointer + i;
      LineState line = r.lineNo() == null ? null : lines.stream()
          .filter(l -> l.kind == kind && l.lineNo == r.lineNo()).findFirst().orElse(null);
      if (line == null) {
        problems.add(r.lineNo() == null ? Problem.missing(at + "/lineNo")
            : Problem.invalid(at + "/lineNo", "the claim has no " + kind.word() + " line " + r.lineNo()));
        continue;
      }
      if (r.status() != null && r.status() != LineStatus.PASSED.code() && r.status() != LineStatus.REJECTED.code()) {
        problems.add(Problem.invalid(at + "/status", "status must be 1 (passed) or 2 (rejected)"));
        continue;
      }
      if (r.qtyApproved() != null && r.qtyApproved().signum() < 0) {
        problems.add(Problem.invalid(at + "/qtyApproved", "must not be negative"));
      }
      if (r.priceApproved() != null && r.priceApproved().signum() < 0) {
        problems.add(Problem.invalid(at + "/priceApproved", "must not be negative"));
      }
      boolean rejects = r.status() != null && r.status() == LineStatus.REJECTED.code();
      if (!line.passed() && !rejects) {
        problems.add(Problem.invalid(at, kind.word() + " line " + r.lineNo()
            + " was rejected by rule '" + line.rule + "' and cannot be approved"));
        continue;
      }
      line.justification = r.justification() != null ? r.justification() : line.justification;
      if (rejects && line.passed()) {
        line.reject(RejectionCode.REVIEWER, "-1 reviewer", r.justification() != null ? r.justification() : "rejected by a reviewer",
            Map.of());
      } else if (!rejects) {
        line.qtyApproved = r.qtyApproved() != null ? r.qtyApproved() : line.qtyApproved;
        line.priceApproved = r.priceApproved() != null ? r.priceApproved() : line.priceApproved;
      }
    }
  }

  /**
   * Values a checked claim finally: status 16, or 8 when a line waits for a relative price; its
   * ledger entry becomes final and a selected review becomes bypassed.
   *
   * @throws ArbiterException NOT_FOUND or CONFLICT (claim not checked)
   */
  public ClaimDecision process(String code) {
    return onCheckedClaim(code, "processed", (tx, stored, snapshot, population) ->
        processed(tx, stored, snapshot, population));
  }

  /** Processes a checked claim as it stands; a review selected but not delivered is bypassed (docs/adjudication.md §6 step 10). */
  private ClaimDecision processed(Tx tx, StoredClaim stored, SchemeSnapshot snapshot, Population population) {
    ReviewStatus reviewStatus = stored.decision().reviewStatus() == ReviewStatus.SELECTED
        ? ReviewStatus.BYPASSED : stored.decision().reviewStatus();
    return processed(tx, stored, snapshot, population, lines(stored.decision()), reviewStatus, "processed");
  }

  /** Values the lines finally and stores the claim processed with the review status. */
  private ClaimDecision processed(Tx tx, StoredClaim stored, SchemeSnapshot snapshot, Population population,
      List<LineState> lines, ReviewStatus reviewStatus, String event) {
    Claim claim = stored.claim();
    Valuator.requireInScheme(snapshot, claim, lines);
    tx.ledger().remove(claim.code());
    String category = stored.decision().category();
    List<PolicyAmounts> amounts = revalue(snapshot, population, tx.ledger(), claim, lines, category);
    ClaimStatus status = Valuator.waitsForRelativePrice(lines) ? ClaimStatus.PROCESSED : ClaimStatus.VALUATED;
    BigDecimal valuated = lines.stream().filter(LineState::passed).map(l -> l.priceValuated)
        .reduce(Money.zero(), BigDecimal::add);
    ClaimDecision decision = keepRisk(stored.decision(),
        decision(stored.decision().rulesetVersion(), snapshot, claim, lines, status, category, reviewStatus, valuated));
    tx.update(new StoredClaim(claim, decision), event);
    tx.ledger().book(usage(claim, decision, amounts, true));
    return decision;
  }

  /**
   * What the insuree has left at {@code date} under each valid policy.
   *
   * @throws ArbiterException NOT_FOUND when the insurance number is unknown
   */
  public Balance balance(String chfId, LocalDate date) {
    SchemeSnapshot snapshot = scheme.get();
    Population population = store.population(snapshot);
    if (population.insuree(chfId) == null) {
      throw new ArbiterException(ArbiterException.Kind.NOT_FOUND, "insuree " + chfId + " does not exist", List.of());
    }
    return store.inFamily(population.familyKey(chfId),
        tx -> new Balances(snapshot, population, tx.ledger()).of(chfId, date));
  }

  private static void requireChecked(ClaimDecision decision, String action) {
    if (decision.status() != ClaimStatus.CHECKED) {
      throw ArbiterException.conflict("claim " + decision.code() + " has status " + decision.status().code()
          + "; only a checked claim (status 4) can be " + action, "/status");
    }
  }

  private static List<LineState> lines(ClaimDecision d) {
    List<LineState> lines = new ArrayList<>();
    d.items().forEach(l -> lines.add(LineState.of(LineKind.ITEM, l)));
    d.services().forEach(l -> lines.add(LineState.of(LineKind.SERVICE, l)));
    return lines;
  }

  /**
   * @param rulesVersion the ruleset that judged the lines: the one that ran for a submission; a
   *     review or processing runs no rules and keeps the submission's
   */
  private ClaimDecision decision(String rulesVersion, SchemeSnapshot snapshot, Claim claim, List<LineState> lines, ClaimStatus status,
      String category, ReviewStatus reviewStatus, BigDecimal valuated) {
    BigDecimal claimed = Money.zero();
    BigDecimal approved = Money.zero();
    for (LineState l : lines) {
      claimed = claimed.add(Money.of(l.qtyProvided.multiply(l.priceAsked)));
      if (l.passed()) {
        approved = approved.add(Money.of(l.quantity().multiply(l.unitPrice)));
      }
    }
    boolean rejected = status == ClaimStatus.REJECTED;
    return new ClaimDecision(claim.code(), claim.chfId(), claim.healthFacility(), status,
        rejected ? RejectionCode.NOT_IN_REGISTER : RejectionCode.ACCEPTED,
        rejected ? null : category, claimed, rejected ? null : approved, valuated, reviewStatus,
        snapshot.version(), rulesVersion, null, clock.instant(),
        lines.stream().filter(l -> l.kind == LineKind.ITEM).map(LineState::toDecision).toList(),
        lines.stream().filter(l -> l.kind == LineKind.SERVICE).map(LineState::toDecision).toList(), null, null);
  }

  private static ClaimUsage usage(Claim claim, ClaimDecision decision, List<PolicyAmounts> amounts, boolean isFinal) {
    return new ClaimUsage(claim.code(), claim.chfId(), claim.targetDate(), decision.category(), isFinal,
        ClaimUsage.passedLines(decision), amounts);
  }

  /**
   * Selects claims for review over a set (openIMIS's random, value and variance modes, and a daily
   * budget): the checked claims the filter passes whose review is idle or not selected. The
   * selected get review status 4, the others 2, each with the {@link ReviewSelection} saying why
   * (event {@code selected}). A claim processed or reviewed meanwhile is left as it is and not
   * listed. The variance mode compares with the claims whose care lies in the year before today.
   *
   * @throws ArbiterException MALFORMED (no mode) or INVALID (a mode's parameter missing or out of
   *     range, in the request and in the scheme's policy)
   */
  public SelectionResult selectForReview(SelectionRequest request) {
    SchemeSnapshot snapshot = scheme.get();
    ReviewSelector selector = new ReviewSelector(snapshot.settings().reviewSelection());
    ReviewSelector.Parameters parameters = selector.parameters(request);
    List<StoredClaim> set = checked(request.filter() != null ? request.filter()
        : new ClaimFilter(null, null, null, null), AWAITING_REVIEW);
    LocalDate today = LocalDate.now(clock);
    List<StoredClaim> history = !parameters.modes().contains(ReviewSelection.MODE_VARIANCE) ? List.of()
        : store.claims(new ClaimFilter(null, today.minusYears(1), today.minusDays(1), List.of(
            ClaimStatus.CHECKED.code(), ClaimStatus.PROCESSED.code(), ClaimStatus.VALUATED.code())));
    long seed = request.seed() != null ? request.seed() : ThreadLocalRandom.current().nextLong();
    Map<String, ReviewSelection> chosen = selector.select(set, history, parameters, new Random(seed));
    Population population = store.population(snapshot);
    List<String> selected = new ArrayList<>();
    List<String> notSelected = new ArrayList<>();
    for (StoredClaim c : set) {
      ReviewSelection selection = chosen.get(c.claim().code());
      if (markForReview(population, c.claim(), selection, AWAITING_REVIEW)) {
        (selection.selected() ? selected : notSelected).add(c.claim().code());
      }
    }
    return new SelectionResult(selector.version(), set.size(), selected, notSelected);
  }

  /**
   * Draws a sampling batch (docs/adjudication.md §8) from the checked claims the filter passes whose review is idle,
   * not selected, or selected by the risk band (not delivered, not in a batch): the drawn claims get review status 4, the skipped ones 2, each with a
   * {@link ReviewSelection} naming the batch.
   *
   * @throws ArbiterException INVALID (percentage outside 1–100, bad rates, no claim matches) or
   *     CONFLICT (some of the claims are in another batch; nothing was drawn)
   */
  public SamplingBatch createSamplingBatch(BatchRequest request) {
    SchemeSnapshot snapshot = scheme.get();
    ReviewSelector selector = new ReviewSelector(snapshot.settings().reviewSelection());
    List<StoredClaim> set = checked(Sampling.filter(request), SAMPLEABLE);
    long seed = request.seed() != null ? request.seed() : ThreadLocalRandom.current().nextLong();
    SamplingBatch batch = Sampling.draw(UUID.randomUUID().toString(), clock.instant(), request, set, seed, selector);
    Set<String> taken = samplingStore().saveBatch(batch);
    if (!taken.isEmpty()) {
      throw ArbiterException.conflict(taken.size() + " of the claims are already in a sampling batch: "
          + taken.stream().limit(20).collect(Collectors.joining(", ")) + (taken.size() > 20 ? ", …" : ""), "/filter");
    }
    Population population = store.population(snapshot);
    Map<String, Claim> claims = set.stream().collect(Collectors.toMap(c -> c.claim().code(), StoredClaim::claim));
    for (SamplingBatch.Member m : batch.claims()) {
      markForReview(population, claims.get(m.code()), new ReviewSelection(selector.version(),
          ReviewSelection.MODE_SAMPLE, m.sampled(), (m.sampled() ? "drawn" : "skipped") + " in stratum "
          + m.stratum() + " with probability " + m.inclusionProbability(), batch.id()), SAMPLEABLE);
    }
    return batch;
  }

  /** A sampling batch's latest state, if it exists. */
  public Optional<SamplingBatch> samplingBatch(String id) {
    return store.samplingStore().flatMap(batches -> batches.batch(id));
  }

  /** The largest list {@link #recentSamplingBatches} gives. */
  public static final int MAX_BATCH_LIST_SIZE = 100;

  /**
   * The most recent sampling batches, newest first, without their claims.
   *
   * @param limit 1 to {@value #MAX_BATCH_LIST_SIZE}
   * @throws IllegalArgumentException when limit is out of range
   */
  public List<BatchSummary> recentSamplingBatches(int limit) {
    if (limit < 1 || limit > MAX_BATCH_LIST_SIZE) {
      throw new IllegalArgumentException("limit must be in 1.." + MAX_BATCH_LIST_SIZE + ", was " + limit);
    }
    return samplingStore().recentBatches(limit);
  }

  /**
   * A sampling batch's claims, in the batch's order, each with its current status and whether its
   * review is delivered.
   *
   * @throws ArbiterException NOT_FOUND
   */
  public List<BatchClaim> samplingBatchClaims(String id) {
    SamplingBatch batch = existingBatch(id);
    Map<String, ClaimDecision> current = currentDecisions(batch);
    return batch.claims().stream().map(m -> BatchClaim.of(m, current.get(m.code()))).toList();
  }

  /**
   * Extrapolates a sampling batch whose drawn claims are all reviewed (docs/adjudication.md §8): ratio = Σ approved /
   * Σ adjusted over the drawn claims (weighted by 1 / inclusion probability, which changes nothing
   * in a plain batch), then every passed line of every skipped claim gets {@code priceApproved} =
   * ratio × ({@code priceAdjusted}, else {@code priceAsked}) and the claim is processed with review
   * status 16 (event {@code extrapolated}). Skipped claims no longer checked and not selected are
   * left as they are and listed as untouched. In the same step every drawn claim still checked (its
   * review delivered and accepted) is processed as it stands (event {@code processed}), so that no
   * claim of the batch stays checked. Claims are taken in the batch's order. Not meant to run twice
   * at once for one batch.
   *
   * @throws ArbiterException NOT_FOUND, CONFLICT (already extrapolated, or drawn claims not yet
   *     reviewed, listed) or INVALID (the drawn claims have nothing adjusted to divide by)
   */
  public SamplingBatch extrapolate(String id) {
    SamplingBatch batch = existingBatch(id);
    if (batch.extrapolation() != null) {
      throw ArbiterException.conflict("sampling batch " + id + " is already extrapolated", "/extrapolation");
    }
    Map<String, ClaimDecision> current = currentDecisions(batch);
    List<String> pending = batch.claims().stream()
        .filter(m -> m.sampled() && current.get(m.code()).reviewStatus() != ReviewStatus.DELIVERED)
        .map(SamplingBatch.Member::code).toList();
    if (!pending.isEmpty()) {
      throw ArbiterException.conflict("the reviews of " + pending.size() + " drawn claims are not delivered: "
          + String.join(", ", pending), "/claims");
    }
    Sampling.Ratio ratio = Sampling.ratio(batch, current);
    if (ratio.adjusted().signum() == 0) {
      throw new ArbiterException(ArbiterException.Kind.INVALID, "the drawn claims have no adjusted amount",
          List.of(Problem.invalid("/claims", "Σ adjusted over the drawn claims is 0; there is no ratio")));
    }
    BigDecimal r = ratio.value();
    SchemeSnapshot snapshot = scheme.get();
    Population population = store.population(snapshot);
    List<String> extrapolated = new ArrayList<>();
    List<String> untouched = new ArrayList<>();
    List<String> reviewedProcessed = new ArrayList<>();
    for (SamplingBatch.Member m : batch.claims()) {
      String chfId = current.get(m.code()).chfId();
      boolean done = store.inFamily(population.familyKey(chfId), tx -> {
        StoredClaim stored = tx.claim(m.code()).orElseThrow();
        ClaimDecision d = stored.decision();
        if (d.status() != ClaimStatus.CHECKED) {
          return false;
        }
        if (m.sampled()) {
          processed(tx, stored, snapshot, population);
          return true;
        }
        if (d.reviewStatus() != ReviewStatus.NOT_SELECTED) {
          return false;
        }
        List<LineState> lines = lines(d);
        for (LineState line : lines) {
          if (line.passed()) {
            line.priceApproved = Money.of(r.multiply(line.priceAdjusted != null ? line.priceAdjusted : line.priceAsked));
          }
        }
        processed(tx, stored, snapshot, population, lines, ReviewStatus.BYPASSED, "extrapolated");
        return true;
      });
      if (m.sampled()) {
        if (done) {
          reviewedProcessed.add(m.code());
        }
      } else {
        (done ? extrapolated : untouched).add(m.code());
      }
    }
    SamplingBatch result = batch.withExtrapolation(new SamplingBatch.Extrapolation(clock.instant(), r, extrapolated,
        untouched, reviewedProcessed));
    samplingStore().saveBatch(result);
    return result;
  }

  /**
   * What the batch's delivered reviews say of the whole batch and of its unreviewed part (see
   * {@link SamplingReport}), from the claims' current decisions.
   *
   * @throws ArbiterException NOT_FOUND
   */
  public SamplingReport samplingReport(String id) {
    SamplingBatch batch = existingBatch(id);
    return Sampling.report(batch, currentDecisions(batch),
        new ReviewSelector(scheme.get().settings().reviewSelection()));
  }

  private SamplingBatch existingBatch(String id) {
    return store.samplingStore().flatMap(batches -> batches.batch(id)).orElseThrow(() -> new ArbiterException(ArbiterException.Kind.NOT_FOUND,
        "sampling batch " + id + " does not exist", List.of()));
  }

  private Map<String, ClaimDecision> currentDecisions(SamplingBatch batch) {
    Map<String, ClaimDecision> current = new java.util.HashMap<>();
    for (SamplingBatch.Member m : batch.claims()) {
      current.put(m.code(), store.claim(m.code()).orElseThrow().decision());
    }
    return current;
  }

  /** What a selection over a set may change: a review nobody has asked for yet. */
  private static final Set<ReviewStatus> AWAITING_REVIEW = Set.of(ReviewStatus.IDLE,
      ReviewStatus.NOT_SELECTED);
  /**
   * What a sampling batch may take: also claims the risk band selected at submit, so that an audit
   * sample covers the top band too (a claim in another batch is refused by the store instead).
   */
  private static final Set<ReviewStatus> SAMPLEABLE = Set.of(ReviewStatus.IDLE, ReviewStatus.NOT_SELECTED,
      ReviewStatus.SELECTED);

  /** The checked claims the filter passes whose review status is one of {@code reviewStatuses}. */
  private List<StoredClaim> checked(ClaimFilter filter, Set<ReviewStatus> reviewStatuses) {
    return store.claims(filter).stream()
        .filter(c -> c.decision().status() == ClaimStatus.CHECKED
            && reviewStatuses.contains(c.decision().reviewStatus()))
        .toList();
  }

  /**
   * Sets the review status the selection says, under the family's lock, if the claim is still
   * checked and its review status one of {@code reviewStatuses}; returns whether it did.
   */
  private boolean markForReview(Population population, Claim claim, ReviewSelection selection,
      Set<ReviewStatus> reviewStatuses) {
    return store.inFamily(population.familyKey(claim.chfId()), tx -> {
      StoredClaim stored = tx.claim(claim.code()).orElseThrow();
      ClaimDecision d = stored.decision();
      if (d.status() != ClaimStatus.CHECKED || !reviewStatuses.contains(d.reviewStatus())) {
        return false;
      }
      tx.update(new StoredClaim(stored.claim(), d.withReview(selection.selected() ? ReviewStatus.SELECTED
          : ReviewStatus.NOT_SELECTED, selection)), "selected");
      return true;
    });
  }

  /**
   * Imports families, insurees, policies and memberships into the store (see
   * {@link Store#importPopulation}), checking that each policy names a product of the current
   * scheme. Claims submitted once it returns see the imported rows.
   *
   * @param in NDJSON or CSV, read to its end and not closed
   * @param listener told of the progress after each batch; {@link ImportListener#NONE} for none
   * @return the counts and the first problems of the rejected rows
   * @throws ArbiterException MALFORMED when the input cannot be read at all (empty, a CSV header
   *     Arbiter does not read, not one readable row), each such line as a problem; nothing was
   *     imported
   * @throws IOException when reading {@code in} fails; the batches before stay imported
   * @throws io.arbiter.store.StoreException when the database fails; the batches before stay
   * @throws UnsupportedOperationException when the store adjudicates against the scheme's own
   *     population (an in-memory store)
   */
  public ImportSummary importPopulation(InputStream in, ImportFormat format, ImportListener listener)
      throws IOException {
    Set<String> products = scheme.get().document().products().stream().map(Product::code)
        .collect(Collectors.toUnmodifiableSet());
    try {
      return populationStore().importPopulation(in, format, products, listener);
    } catch (ImportException e) {
      throw new ArbiterException(ArbiterException.Kind.MALFORMED, e.getMessage(), e.errors().stream()
          .map(error -> Problem.invalid("", "line " + error.line() + ": " + error.reason())).toList());
    }
  }

  /**
   * Imports a voucher register from CSV ({@code number,status}): numbers must match the scheme's
   * {@code voucherNumberFormat}; rows in bad form are reported, the others written; a Used voucher
   * is never set back.
   *
   * @throws ArbiterException MALFORMED when the header lacks a column
   * @throws UnsupportedOperationException for an in-memory store
   */
  public VoucherImportSummary importVouchers(java.io.Reader csv) throws IOException {
    java.util.regex.Pattern format = java.util.regex.Pattern.compile(scheme.get().settings().voucherNumberFormat());
    try {
      return populationStore().importVouchers(csv, format);
    } catch (ImportException e) {
      throw new ArbiterException(ArbiterException.Kind.MALFORMED, e.getMessage(), e.errors().stream()
          .map(error -> Problem.invalid("", "line " + error.line() + ": " + error.reason())).toList());
    }
  }

  /** The store's review queue; a store without one is answered 501 by the server. */
  private ReviewQueueStore reviewQueueStore() {
    return store.reviewQueueStore().orElseThrow(() -> new UnsupportedOperationException(
        store.getClass().getSimpleName() + " keeps no review queue"));
  }

  /** The store's sampling batches. */
  private SamplingStore samplingStore() {
    return store.samplingStore().orElseThrow(() -> new UnsupportedOperationException(
        store.getClass().getSimpleName() + " keeps no sampling batches"));
  }

  /** The store's own population; a store without one is answered 501 by the server. */
  private PopulationStore populationStore() {
    return store.populationStore().orElseThrow(() -> new UnsupportedOperationException(
        store.getClass().getSimpleName() + " adjudicates against the scheme's own population and cannot import one"));
  }

  private static String contentHash(SchemeDocument document) {
    try {
      byte[] json = Json.mapper().writeValueAsBytes(document);
      return "scheme-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 12);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot hash the scheme", e);
    }
  }
}
