package io.arbiter.engine;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineRisk;
import io.arbiter.json.Json;
import io.arbiter.ledger.ClaimUsage;
import io.arbiter.ledger.PolicyAmounts;
import io.arbiter.ledger.UtilisationLedger;
import io.arbiter.rules.RuleSet;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.Product;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scoring.ClaimContext;
import io.arbiter.scoring.RiskScorer;
import io.arbiter.scoring.ScoredClaim;
import io.arbiter.store.ClaimEvent;
import io.arbiter.store.ImportException;
import io.arbiter.store.ImportFormat;
import io.arbiter.store.ImportListener;
import io.arbiter.store.ImportSummary;
import io.arbiter.store.MemoryStore;
import io.arbiter.store.SavedScheme;
import io.arbiter.store.Store;
import io.arbiter.store.StoredClaim;
import io.arbiter.store.Tx;
import io.arbiter.store.VoucherImportSummary;
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
import java.util.Set;
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
  private final RuleSet rules;
  private final Store store;
  private final Clock clock;
  private final RiskScorer scorer;
  private final AtomicReference<SchemeSnapshot> scheme = new AtomicReference<>();

  private Arbiter(Builder b) {
    this.rules = Objects.requireNonNull(b.rules, "rules");
    this.store = b.store != null ? b.store : new MemoryStore();
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.scorer = b.scorer;
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

    private Builder() {}

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
    return rules.version();
  }

  /**
   * Checks, adjudicates and provisionally values a claim, and books its usage. Posting the same
   * claim again returns the stored decision ({@code created} false).
   *
   * @throws ArbiterException MALFORMED or INVALID (entry errors, spec §4.0) or CONFLICT (the code is
   *     taken by a different claim)
   */
  public Submission submit(Claim claim) {
    SchemeSnapshot snapshot = scheme.get();
    Population population = entered(claim, snapshot);
    Optional<StoredClaim> existing = store.claim(claim.code());
    if (existing.isPresent()) {
      return resubmission(existing.get(), claim);
    }
    return store.inFamily(familyOf(population, claim.chfId()), tx -> {
      Decided decided = decide(claim, snapshot, population, tx.ledger());
      if (!tx.insert(new StoredClaim(claim, decided.decision()), "submitted")) {
        return resubmission(tx.claim(claim.code()).orElseThrow(), claim);
      }
      if (decided.decision().status() == ClaimDecision.STATUS_CHECKED) {
        tx.ledger().book(usage(claim, decided.decision(), decided.amounts(), false));
      }
      return new Submission(decided.decision(), true);
    });
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
    return store.inFamily(familyOf(population, claim.chfId()),
        tx -> decide(claim, snapshot, population, tx.ledger()).decision());
  }

  private record Decided(ClaimDecision decision, List<PolicyAmounts> amounts) {}

  private Decided decide(Claim claim, SchemeSnapshot snapshot, Population population, UtilisationLedger ledger) {
    Adjudicator.Outcome outcome = new Adjudicator(rules, ledger).adjudicate(claim, snapshot, population);
    List<LineState> lines = outcome.lines();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).passed()) {
        ProductChoice.choose(snapshot, claim, lines.get(i), outcome.candidates().get(i), outcome.patient().adult);
      }
    }
    if (outcome.category() == null) {
      return new Decided(decision(snapshot, claim, lines, ClaimDecision.STATUS_REJECTED, null,
          ClaimDecision.REVIEW_IDLE, null), List.of());
    }
    List<PolicyAmounts> amounts = new Valuator(snapshot, population, ledger)
        .value(claim, lines, outcome.category(), outcome.patient().adult);
    ClaimDecision checked = decision(snapshot, claim, lines, ClaimDecision.STATUS_CHECKED, outcome.category(),
        ClaimDecision.REVIEW_IDLE, null);
    return new Decided(scored(checked, claim, snapshot, population, ledger), amounts);
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

  /** A later state of a claim keeps the risk it was given when submitted. */
  private static ClaimDecision keepRisk(ClaimDecision earlier, ClaimDecision later) {
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

  /** Every state of the claim's decision, oldest first; empty if the claim does not exist. */
  public List<ClaimEvent> history(String code) {
    return store.history(code);
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
      tx.ledger().remove(code);
      if (lines.stream().noneMatch(LineState::passed)) {
        ClaimDecision rejected = keepRisk(stored.decision(), decision(snapshot, claim, lines,
            ClaimDecision.STATUS_REJECTED, null, ClaimDecision.REVIEW_DELIVERED, null));
        tx.update(new StoredClaim(claim, rejected), "reviewed");
        return rejected;
      }
      String category = stored.decision().category();
      List<PolicyAmounts> amounts = revalue(snapshot, population, tx.ledger(), claim, lines, category);
      ClaimDecision decision = keepRisk(stored.decision(), decision(snapshot, claim, lines,
          ClaimDecision.STATUS_CHECKED, category, ClaimDecision.REVIEW_DELIVERED, null));
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
    StoredClaim known = store.claim(code).orElseThrow(() -> ArbiterException.notFound(code));
    SchemeSnapshot snapshot = scheme.get();
    Population population = store.population(snapshot);
    return store.inFamily(familyOf(population, known.claim().chfId()), tx -> {
      StoredClaim stored = tx.claim(code).orElseThrow();
      requireChecked(stored.decision(), action);
      return work.apply(tx, stored, snapshot, population);
    });
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
      if (r.status() != null && r.status() != LineDecision.STATUS_PASSED && r.status() != LineDecision.STATUS_REJECTED) {
        problems.add(Problem.invalid(at + "/status", "status must be 1 (passed) or 2 (rejected)"));
        continue;
      }
      if (r.qtyApproved() != null && r.qtyApproved().signum() < 0) {
        problems.add(Problem.invalid(at + "/qtyApproved", "must not be negative"));
      }
      if (r.priceApproved() != null && r.priceApproved().signum() < 0) {
        problems.add(Problem.invalid(at + "/priceApproved", "must not be negative"));
      }
      boolean rejects = r.status() != null && r.status() == LineDecision.STATUS_REJECTED;
      if (!line.passed() && !rejects) {
        problems.add(Problem.invalid(at, kind.word() + " line " + r.lineNo()
            + " was rejected by rule '" + line.rule + "' and cannot be approved"));
        continue;
      }
      line.justification = r.justification() != null ? r.justification() : line.justification;
      if (rejects && line.passed()) {
        line.reject(-1, "-1 reviewer", r.justification() != null ? r.justification() : "rejected by a reviewer",
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
    return onCheckedClaim(code, "processed", (tx, stored, snapshot, population) -> {
      Claim claim = stored.claim();
      List<LineState> lines = lines(stored.decision());
      tx.ledger().remove(code);
      String category = stored.decision().category();
      List<PolicyAmounts> amounts = revalue(snapshot, population, tx.ledger(), claim, lines, category);
      int status = Valuator.waitsForRelativePrice(lines) ? ClaimDecision.STATUS_PROCESSED : ClaimDecision.STATUS_VALUATED;
      int reviewStatus = stored.decision().reviewStatus() == ClaimDecision.REVIEW_SELECTED
          ? ClaimDecision.REVIEW_BYPASSED : stored.decision().reviewStatus();
      BigDecimal valuated = lines.stream().filter(LineState::passed).map(l -> l.priceValuated)
          .reduce(Money.zero(), BigDecimal::add);
      ClaimDecision decision = keepRisk(stored.decision(),
          decision(snapshot, claim, lines, status, category, reviewStatus, valuated));
      tx.update(new StoredClaim(claim, decision), "processed");
      tx.ledger().book(usage(claim, decision, amounts, true));
      return decision;
    });
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
    return store.inFamily(familyOf(population, chfId),
        tx -> new Balances(snapshot, population, tx.ledger()).of(chfId, date));
  }

  private static void requireChecked(ClaimDecision decision, String action) {
    if (decision.status() != ClaimDecision.STATUS_CHECKED) {
      throw ArbiterException.conflict("claim " + decision.code() + " has status " + decision.status()
          + "; only a checked claim (status 4) can be " + action, "/status");
    }
  }

  private static List<LineState> lines(ClaimDecision d) {
    List<LineState> lines = new ArrayList<>();
    d.items().forEach(l -> lines.add(LineState.of(LineKind.ITEM, l)));
    d.services().forEach(l -> lines.add(LineState.of(LineKind.SERVICE, l)));
    return lines;
  }

  private ClaimDecision decision(SchemeSnapshot snapshot, Claim claim, List<LineState> lines, int status,
      String category, int reviewStatus, BigDecimal valuated) {
    BigDecimal claimed = Money.zero();
    BigDecimal approved = Money.zero();
    for (LineState l : lines) {
      claimed = claimed.add(Money.of(l.qtyProvided.multiply(l.priceAsked)));
      if (l.passed()) {
        approved = approved.add(Money.of(l.quantity().multiply(l.unitPrice)));
      }
    }
    boolean rejected = status == ClaimDecision.STATUS_REJECTED;
    return new ClaimDecision(claim.code(), claim.chfId(), claim.healthFacility(), status, rejected ? 1 : 0,
        rejected ? null : category, claimed, rejected ? null : approved, valuated, reviewStatus,
        snapshot.version(), rules.version(), null, clock.instant(),
        lines.stream().filter(l -> l.kind == LineKind.ITEM).map(LineState::toDecision).toList(),
        lines.stream().filter(l -> l.kind == LineKind.SERVICE).map(LineState::toDecision).toList(), null);
  }

  private static ClaimUsage usage(Claim claim, ClaimDecision decision, List<PolicyAmounts> amounts, boolean isFinal) {
    List<ClaimUsage.Line> provisions = new ArrayList<>();
    decision.items().stream().filter(l -> l.rejectionReason() == 0)
        .forEach(l -> provisions.add(new ClaimUsage.Line(LineKind.ITEM, l.itemCode(), l.qtyApproved())));
    decision.services().stream().filter(l -> l.rejectionReason() == 0)
        .forEach(l -> provisions.add(new ClaimUsage.Line(LineKind.SERVICE, l.serviceCode(), l.qtyApproved())));
    return new ClaimUsage(claim.code(), claim.chfId(), claim.targetDate(), decision.category(), isFinal,
        provisions, amounts);
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
      return store.importPopulation(in, format, products, listener);
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
      return store.importVouchers(csv, format);
    } catch (ImportException e) {
      throw new ArbiterException(ArbiterException.Kind.MALFORMED, e.getMessage(), e.errors().stream()
          .map(error -> Problem.invalid("", "line " + error.line() + ": " + error.reason())).toList());
    }
  }

  /** Family members share policy deductibles and ceilings, so a family is the unit of locking. */
  private static String familyOf(Population population, String chfId) {
    Insuree insuree = population.insuree(chfId);
    return insuree != null && insuree.familyId() != null ? insuree.familyId() : "insuree:" + chfId;
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
