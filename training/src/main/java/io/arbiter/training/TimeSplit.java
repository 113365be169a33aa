package io.arbiter.training;

import io.arbiter.scoring.TrainingRecord;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/*
 * Why by date and not at random: the model is served on claims that come after everything it was
 * trained on, and claim streams drift (new facilities, new prices, reviewers changing habits). A
 * random split would let the model see the holdout's weeks and report a score it cannot keep.
 */

/** The time-based split of claims: the date from which claims are held out. */
final class TimeSplit {
  private TimeSplit() {}

  /**
   * The date of a claim for splitting: when it was claimed, else when it was decided, else its
   * target date.
   */
  static LocalDate claimDate(TrainingRecord record) {
    if (record.claim().dateClaimed() != null) {
      return record.claim().dateClaimed();
    }
    if (record.decision().decidedAt() != null) {
      return LocalDate.ofInstant(record.decision().decidedAt(), ZoneOffset.UTC);
    }
    return record.claim().targetDate();
  }

  /**
   * The first date of the last {@code share} of claims: claims dated on or after it form the later
   * part (so a day is never split, and a claim exactly on the date is in the later part).
   *
   * @throws IllegalArgumentException when the dates cannot be split into two non-empty parts (fewer
   *     than two distinct dates)
   */
  static LocalDate splitDate(Collection<LocalDate> dates, double share) {
    List<LocalDate> sorted = new ArrayList<>(dates);
    sorted.sort(null);
    int n = sorted.size();
    if (n < 2 || sorted.get(0).equals(sorted.get(n - 1))) {
      throw new IllegalArgumentException("cannot split " + n + " claims by date: need claims on at least two days");
    }
    int index = Math.min(n - 1, Math.max(1, (int) Math.floor(n * (1 - share))));
    LocalDate split = sorted.get(index);
    if (split.equals(sorted.get(0))) {
      // The earliest day holds more than (1 - share) of the claims: start the later part on the next day.
      split = sorted.stream().filter(d -> d.isAfter(sorted.get(0))).findFirst().orElseThrow();
    }
    return split;
  }
}
