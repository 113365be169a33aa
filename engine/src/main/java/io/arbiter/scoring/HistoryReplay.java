package io.arbiter.scoring;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.ledger.ClaimUsage;
import io.arbiter.ledger.InMemoryLedger;
import io.arbiter.scheme.SchemeSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * Rebuilds each claim's features as they were when it was decided: claims are fed in decision
 * order, each is extracted against a ledger holding only the claims before it, then booked. This
 * is how training sees the same history features that serving reads from the live ledger. Not
 * thread-safe.
 */
public final class HistoryReplay {
  private final SchemeSnapshot scheme;
  private final FeatureExtractor extractor;
  private final InMemoryLedger ledger = new InMemoryLedger();

  public HistoryReplay(SchemeSnapshot scheme, FeatureExtractor extractor) {
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.extractor = Objects.requireNonNull(extractor, "extractor");
  }

  /** The record's rows (one per line, items then services), then books its passed lines. */
  public float[][] next(TrainingRecord record) {
    float[][] rows = extractor.extract(
        new ClaimContext(record.claim(), record.decision(), scheme, record.insuree(), ledger));
    ClaimDecision d = record.decision();
    if (d.status() != ClaimStatus.REJECTED) {
      ledger.book(new ClaimUsage(d.code(), d.chfId(), record.claim().targetDate(), d.category(), true,
          ClaimUsage.passedLines(d), List.of()));
    }
    return rows;
  }
}
