package io.arbiter.simulate;

import io.arbiter.claim.LineStatus;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.MedicalItem;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.RegisterEntry;
import io.arbiter.scheme.SchemeSnapshot;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Frequency-limited provisions the rules passed, by the first day a repeat would pass the rule:
 * what {@link AbusePatterns#JUST_OUTSIDE_FREQUENCY} repeats. Single-threaded.
 */
final class RepeatCandidates {
  /** A provision the rules passed that a facility could repeat just after its frequency limit. */
  record Candidate(String chfId, String facility, LineKind kind, String code, BigDecimal qty,
      LocalDate target, int frequency) {}

  private final NavigableMap<LocalDate, List<Candidate>> candidates = new TreeMap<>();
  private final SchemeSnapshot scheme;
  private final boolean wanted;

  /**
   * @param wanted whether repeats are planted at all (else nothing is kept)
   */
  RepeatCandidates(SchemeSnapshot scheme, boolean wanted) {
    this.scheme = scheme;
    this.wanted = wanted;
  }

  /** Keeps the checked claim's frequency-limited provisions as candidates for a planted repeat. */
  void remember(Claim claim, ClaimDecision decision) {
    if (decision.status() != ClaimStatus.CHECKED || !wanted) {
      return;
    }
    for (LineDecision line : decision.items()) {
      candidate(claim, decision, line, LineKind.ITEM, line.itemCode());
    }
    for (LineDecision line : decision.services()) {
      candidate(claim, decision, line, LineKind.SERVICE, line.serviceCode());
    }
  }

  private void candidate(Claim claim, ClaimDecision decision, LineDecision line, LineKind kind, String code) {
    if (line.status() != LineStatus.PASSED) {
      return;
    }
    RegisterEntry entry = scheme.register(kind, code, claim.targetDate());
    int frequency = entry instanceof MedicalItem i ? i.frequency() : entry instanceof MedicalService s ? s.frequency() : 0;
    if (frequency <= 0) {
      return;
    }
    BigDecimal qty = line.qtyApproved() != null ? line.qtyApproved() : line.qtyProvided();
    candidates.computeIfAbsent(claim.targetDate().plusDays(frequency + 1L), d -> new ArrayList<>())
        .add(new Candidate(claim.chfId(), decision.healthFacility(), kind, code, qty, claim.targetDate(), frequency));
  }

  /**
   * Removes and returns a candidate a repeat on {@code day} would just pass (its limit ran out 1–7
   * days before), drawn with {@code random} among the earliest due; null if none is due. Forgets
   * the candidates too old to be due again.
   */
  Candidate take(LocalDate day, SplittableRandom random) {
    candidates.headMap(day.minusDays(6), false).clear();
    NavigableMap<LocalDate, List<Candidate>> due = candidates.subMap(day.minusDays(6), true, day, true);
    if (due.isEmpty()) {
      return null;
    }
    Map.Entry<LocalDate, List<Candidate>> first = due.firstEntry();
    Candidate was = first.getValue().remove(random.nextInt(first.getValue().size()));
    if (first.getValue().isEmpty()) {
      candidates.remove(first.getKey());
    }
    return was;
  }
}
