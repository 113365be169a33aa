package io.arbiter.simulate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that follows the simulated dates, so that each decision's {@code decidedAt} falls on its
 * claim's {@code dateClaimed}: from 08:00 UTC, a step apart within a day, never going back.
 * Single-threaded.
 */
final class SimulationClock extends Clock {
  private final long stepMillis;
  private Instant now = Instant.EPOCH;

  /** @param claimsPerDay how many claims a day brings, to spread them over ten working hours */
  SimulationClock(double claimsPerDay) {
    this.stepMillis = Math.max(1, (long) (10 * 3_600_000 / Math.max(1, claimsPerDay)));
  }

  /** Moves to the next decision of a claim made on {@code day}. */
  void advanceTo(LocalDate day) {
    Instant opening = day.atTime(8, 0).toInstant(ZoneOffset.UTC);
    now = now.isBefore(opening) ? opening : now.plusMillis(stepMillis);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the simulation runs in UTC");
  }
}
