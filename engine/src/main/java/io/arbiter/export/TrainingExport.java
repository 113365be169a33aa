package io.arbiter.export;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineStatus;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scoring.TrainingData;
import io.arbiter.scoring.TrainingRecord;
import io.arbiter.store.ClaimEvent;
import io.arbiter.store.ClaimHistory;
import io.arbiter.store.SavedScheme;
import io.arbiter.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/*
 * Why the decision at submission and not the current one: a model scores a claim when it is
 * submitted, before anyone reviewed it, so it must learn from the decision as the rules made it;
 * the reviewed event then says what the reviewer changed.
 */

/**
 * Writes the labelled decisions of a {@link Store} as a {@link TrainingData} file: per claim
 * submitted at or after an instant, the claim, its decision at submission, the insuree and the
 * outcome of its (first) review, in submission order. Claims never reviewed have no review; no
 * record has a truth. Streams from the store. Stateless; thread-safe if the store is.
 */
public final class TrainingExport {
  private TrainingExport() {}

  /** What an export wrote. */
  public record Summary(long claims, long reviewedClaims, long skipped) {}

  /**
   * @param out receives the records; the caller owns and closes it
   * @param since the earliest submission to export, inclusive
   * @throws IllegalStateException if the store holds no scheme
   * @throws IOException when writing fails
   */
  public static Summary export(Store store, Instant since, TrainingData.Writer out) throws IOException {
    Objects.requireNonNull(since, "since");
    SavedScheme saved = store.latestScheme().orElseThrow(() -> new IllegalStateException("the store holds no scheme"));
    Population population = store.population(SchemeSnapshot.of(saved.document(), saved.version(), saved.loadedAt()));
    long[] counts = new long[3];
    try {
      store.claimsSubmittedSince(since, history -> {
        TrainingRecord record = record(history, population);
        if (record == null) {
          counts[2]++;
          return;
        }
        try {
          out.write(record);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        counts[0]++;
        counts[1] += record.review() != null ? 1 : 0;
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Summary(counts[0], counts[1], counts[2]);
  }

  /** The scheme a header carries: the store's latest, without population. */
  public static SchemeDocument headerScheme(Store store) {
    SchemeDocument d = store.latestScheme().orElseThrow(() -> new IllegalStateException("the store holds no scheme"))
        .document();
    return new SchemeDocument(d.name(), d.settings(), d.items(), d.services(), d.priceLists(), d.healthFacilities(),
        d.products(), d.diagnoses(), null, null, null, null, null);
  }

  /** The record of a claim; null when its insuree is unknown to the population (nothing to learn from). */
  static TrainingRecord record(ClaimHistory history, Population population) {
    Insuree insuree = population.insuree(history.claim().chfId());
    if (insuree == null || history.events().isEmpty()) {
      return null;
    }
    ClaimDecision submitted = history.events().get(0).decision();
    ClaimEvent reviewed = history.events().stream().filter(e -> "reviewed".equals(e.event())).findFirst().orElse(null);
    TrainingRecord.Review review = reviewed == null ? null : new TrainingRecord.Review(
        outcomes(submitted.items(), reviewed.decision().items()),
        outcomes(submitted.services(), reviewed.decision().services()));
    return new TrainingRecord(history.claim(), submitted, insuree, review, null);
  }

  /** Per line the rules passed: rejected by the reviewer, approved for less (adjusted), or accepted. */
  private static List<TrainingRecord.LineOutcome> outcomes(List<LineDecision> before, List<LineDecision> after) {
    List<TrainingRecord.LineOutcome> outcomes = new ArrayList<>();
    for (LineDecision b : before) {
      if (b.status() != LineStatus.PASSED) {
        continue;
      }
      LineDecision a = after.stream().filter(l -> l.lineNo() == b.lineNo()).findFirst().orElse(b);
      BigDecimal was = b.approvedValue();
      if (a.status() == LineStatus.REJECTED) {
        outcomes.add(new TrainingRecord.LineOutcome(b.lineNo(), TrainingRecord.REJECTED, was, was));
        continue;
      }
      BigDecimal now = value(a, b);
      boolean lowered = lower(a.qtyApproved(), b.qtyApproved() != null ? b.qtyApproved() : b.qtyProvided())
          || lower(a.priceApproved(), b.priceApproved() != null ? b.priceApproved() : unit(b));
      outcomes.add(lowered
          ? new TrainingRecord.LineOutcome(b.lineNo(), TrainingRecord.ADJUSTED, was.subtract(now).max(BigDecimal.ZERO),
              was)
          : new TrainingRecord.LineOutcome(b.lineNo(), TrainingRecord.ACCEPTED, BigDecimal.ZERO.setScale(2), was));
    }
    return outcomes;
  }

  private static boolean lower(BigDecimal value, BigDecimal reference) {
    return value != null && reference != null && value.compareTo(reference) < 0;
  }

  /** The unit price a line is valued at: the reviewer's approved price, else the scheme's. */
  private static BigDecimal unit(LineDecision l) {
    return l.priceApproved() != null ? l.priceApproved() : l.priceAdjusted() != null ? l.priceAdjusted() : l.priceAsked();
  }

  /** Quantity × unit price of {@code line}, its unit price falling back on {@code submitted}'s. */
  private static BigDecimal value(LineDecision line, LineDecision submitted) {
    BigDecimal qty = line.qtyApproved() != null ? line.qtyApproved() : line.qtyProvided();
    BigDecimal unit = line.priceApproved() != null ? line.priceApproved()
        : line.priceAdjusted() != null ? line.priceAdjusted() : unit(submitted);
    return qty.multiply(unit).setScale(2, RoundingMode.HALF_UP);
  }
}
