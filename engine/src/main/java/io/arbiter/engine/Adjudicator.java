package io.arbiter.engine;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimService;
import io.arbiter.claim.RejectionCode;
import io.arbiter.ledger.Provision;
import io.arbiter.ledger.UtilisationLedger;
import io.arbiter.rules.ClaimFact;
import io.arbiter.rules.CoverageFact;
import io.arbiter.rules.CoverageFactBuilder;
import io.arbiter.rules.LineFact;
import io.arbiter.rules.LineFactBuilder;
import io.arbiter.rules.ClaimRules;
import io.arbiter.rules.Switches;
import io.arbiter.rules.WindowFact;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.PriceListEntry;
import io.arbiter.scheme.ProductLine;
import io.arbiter.scheme.RegisterEntry;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scheme.Voucher;
import io.arbiter.scheme.WindowLimit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/*
 * Why Java pre-joins: the rules only compare values. Every lookup a check needs (register and
 * price-list versions at the target date, the insuree's covering product lines, ledger counts)
 * is done here once, by key, so the DRL stays readable by an implementer and the Drools network
 * never iterates collections.
 */

/** Runs docs/adjudication.md §2–§4 for one claim: derives, pre-joins, fires the rules, and reads the verdicts. */
final class Adjudicator {
  private final ClaimRules rules;
  private final UtilisationLedger ledger;

  Adjudicator(ClaimRules rules, UtilisationLedger ledger) {
    this.rules = rules;
    this.ledger = ledger;
  }

  /** The outcome of the checks: lines with their verdicts, the passing coverages, the category. */
  record Outcome(List<LineState> lines, List<List<Candidate>> candidates, String category, Patient patient) {}

  /** A covering product line that passed every check for a line, with the quantity it allows. */
  record Candidate(Coverage coverage, ProductLine productLine, BigDecimal qtyAllowed) {}

  Outcome adjudicate(Claim claim, SchemeSnapshot scheme, Population population) {
    LocalDate td = claim.targetDate();
    boolean inPatient = claim.inPatient();
    Patient patient = Patient.at(scheme, population, claim.chfId(), claim.dateFrom(), td);
    String category = category(claim, scheme, td, inPatient);
    String unknownDiagnosis = claim.diagnoses().stream().map(Claim.DiagnosisField::code)
        .filter(code -> !scheme.diagnosisExists(code)).findFirst().orElse(null);
    ClaimFact claimFact = new ClaimFact(claim.code(), claim.dateClaimed(), claim.dateFrom(), td,
        inPatient, category, patient.problem, unknownDiagnosis);
    List<LineState> lines = lines(claim, scheme);
    Facts facts = new Facts();
    for (int index = 0; index < lines.size(); index++) {
      addFacts(claim, scheme, population, patient, category, lines.get(index), index, facts);
    }

    rules.run(new Switches(scheme.settings()), claimFact, facts.lines, facts.coverages, facts.windows);

    List<List<Candidate>> candidates = new ArrayList<>();
    for (int index = 0; index < lines.size(); index++) {
      candidates.add(verdict(lines.get(index), facts.lines.get(index), facts.coverageByLine.get(index),
          facts.covering.get(index)));
    }
    boolean anyPassed = lines.stream().anyMatch(LineState::passed);
    return new Outcome(lines, candidates, anyPassed ? category : null, patient);
  }

  /** The facts of one claim the rules run on, and per line the covering product lines they refer to. */
  private static final class Facts {
    final List<LineFact> lines = new ArrayList<>();
    final List<CoverageFact> coverages = new ArrayList<>();
    final List<WindowFact> windows = new ArrayList<>();
    final List<List<Candidate>> covering = new ArrayList<>();
    final List<List<CoverageFact>> coverageByLine = new ArrayList<>();
  }

  /** The claim's lines as states, items then services, each numbered from 1 within its kind. */
  private static List<LineState> lines(Claim claim, SchemeSnapshot scheme) {
    List<LineState> lines = new ArrayList<>();
    for (int i = 0; i < claim.items().size(); i++) {
      ClaimItem it = claim.items().get(i);
      lines.add(new LineState(LineKind.ITEM, i + 1, it.itemCode(), it.qtyProvided(), it.priceAsked()));
    }
    for (int i = 0; i < claim.services().size(); i++) {
      ClaimService sv = claim.services().get(i);
      boolean parts = sv.hasParts() && scheme.settings().valuePackages();
      lines.add(new LineState(LineKind.SERVICE, i + 1, sv.serviceCode(), sv.qtyProvided(),
          parts ? sv.partsAsked() : sv.priceAsked()));
    }
    return lines;
  }

  /** Adds the facts of one line: its line fact, and the coverage and window facts of its covering product lines. */
  private void addFacts(Claim claim, SchemeSnapshot scheme, Population population, Patient patient, String category,
      LineState line, int index, Facts facts) {
    LocalDate td = claim.targetDate();
    HealthFacility facility = scheme.facility(claim.healthFacility());
    RegisterEntry entry = scheme.register(line.kind, line.code, td);
    String priceList = line.kind == LineKind.ITEM ? facility.itemsPriceList() : facility.servicesPriceList();
    PriceListEntry listed = scheme.priceListEntry(priceList, line.code, td);
    LineFactBuilder fact = new LineFactBuilder()
        .line(index, line.kind, line.lineNo, line.code, line.qtyProvided)
        .presence(entry != null, listed != null, td)
        .masks(entry == null ? 0 : entry.patientCategory(), patient.mask);
    if (line.kind == LineKind.SERVICE && scheme.settings().valuePackages()) {
      fact.packageDifferences(Packages.differences((MedicalService) entry, claim.services().get(line.lineNo - 1)));
    }
    fact.careTypes(careType(entry == null ? null : entry.careType()), careType(facility.careType()), claim.inPatient());
    if (entry != null && entry.frequency() > 0) {
      Provision p = ledger.nearestProvision(claim.chfId(), line.kind, line.code, td).orElse(null);
      fact.frequency(entry.frequency(),
          p == null ? null : (int) Math.abs(ChronoUnit.DAYS.between(p.targetDate(), td)),
          p == null ? null : p.targetDate(), p == null ? null : p.claimCode());
    }
    List<Candidate> lineCovering = new ArrayList<>();
    List<CoverageFact> lineCoverageFacts = new ArrayList<>();
    if (patient.problem == null) {
      for (Coverage c : patient.coverages) {
        ProductLine pl = scheme.productLine(c.product().code(), line.kind, line.code, td);
        if (pl != null) {
          windowFacts(claim, line, index, lineCovering.size(), c, pl, patient, facts.windows);
          lineCoverageFacts.add(coverageFact(claim, line, index, lineCovering.size(), c, pl, patient, category,
              population));
          lineCovering.add(new Candidate(c, pl, null));
        }
      }
    }
    facts.covering.add(lineCovering);
    facts.coverageByLine.add(lineCoverageFacts);
    facts.coverages.addAll(lineCoverageFacts);
    facts.lines.add(fact.coverageCount(lineCovering.size()).build());
  }

  /** Records the rules' verdict on the line; returns the covering product lines that pass it. */
  private static List<Candidate> verdict(LineState line, LineFact fact, List<CoverageFact> coverageFacts,
      List<Candidate> covering) {
    List<Candidate> passing = new ArrayList<>();
    if (!fact.isAccepted()) {
      line.reject(RejectionCode.of(fact.getRejectionReason()), fact.getRule(), fact.getExplanation(), fact.getParameters());
      return passing;
    }
    line.rule = fact.getRule();
    line.explanation = fact.getExplanation();
    line.parameters = fact.getParameters();
    line.packageDifferences = fact.isValuedAtZero() ? fact.getPackageDifferences() : null;
    for (CoverageFact cf : coverageFacts) {
      if (!cf.isRejected()) {
        Candidate c = covering.get(cf.getOrder());
        passing.add(new Candidate(c.coverage(), c.productLine(), cf.getQtyAllowed()));
        if (cf.getQtyAllowed() != null) {
          line.rule = cf.getRule();
          line.explanation = cf.getExplanation();
          line.parameters = cf.getParameters();
        }
      }
    }
    return passing;
  }

  private CoverageFact coverageFact(Claim claim, LineState line, int index, int order, Coverage c,
      ProductLine pl, Patient patient, String category, Population population) {
    LocalDate td = claim.targetDate();
    int waitingMonths = pl.waitingMonths(patient.adult);
    Integer limitNo = pl.limitNo(patient.adult);
    CoverageFactBuilder b = new CoverageFactBuilder()
        .line(index, order, line.kind == LineKind.SERVICE, line.qtyProvided, td)
        .product(c.product().code(), c.policy().id())
        .waiting(c.waitingApplies(), waitingMonths, c.memberFrom().plusMonths(waitingMonths));
    if (c.product().isVoucherProduct()) {
      Voucher voucher = claim.voucher() == null ? null : population.voucher(claim.voucher());
      b.voucher(true, claim.voucher(), voucher == null ? null : voucher.status().label(),
          c.policy().id().equals(claim.voucher()));
    }
    if (limitNo != null) {
      b.provisions(BigDecimal.valueOf(limitNo),
          ledger.providedQuantity(claim.chfId(), line.kind, line.code, c.memberFrom(), c.periodEnd()));
    }
    if (line.kind == LineKind.SERVICE && category != null) {
      Integer max = c.product().maxNo(category);
      b.categoryMaximum(category, max,
          max == null ? 0 : ledger.claimsInCategory(claim.chfId(), category, c.memberFrom(), c.periodEnd()));
    }
    return b.build();
  }

  private void windowFacts(Claim claim, LineState line, int index, int order, Coverage c, ProductLine pl,
      Patient patient, List<WindowFact> out) {
    for (WindowLimit w : pl.windowLimits()) {
      Integer limit = w.limit(patient.adult);
      if (limit != null) {
        WindowLimit.DateRange range = w.range(claim.targetDate(), c.memberFrom(), c.periodEnd());
        out.add(new WindowFact(index, order, w.window(), range.from(), range.to(), BigDecimal.valueOf(limit),
            ledger.providedQuantity(claim.chfId(), line.kind, line.code, range.from(), range.to())));
      }
    }
  }

  /** docs/adjudication.md §3 over the service lines whose register entry is valid at the target date. */
  static String category(Claim claim, SchemeSnapshot scheme, LocalDate td, boolean inPatient) {
    boolean s = false;
    boolean d = false;
    boolean a = false;
    boolean c = false;
    for (ClaimService line : claim.services()) {
      MedicalService service = scheme.service(line.serviceCode(), td);
      String cat = service == null || service.category() == null ? "" : service.category();
      s |= cat.equals("S");
      d |= cat.equals("D");
      a |= cat.equals("A");
      c |= cat.equals("C");
    }
    if (s) {
      return "S";
    }
    if (d) {
      return "D";
    }
    if (a) {
      return "A";
    }
    if (inPatient) {
      return "H";
    }
    return c ? "C" : "V";
  }

  private static String careType(io.arbiter.scheme.CareType type) {
    return type == null ? "B" : type.name();
  }
}
