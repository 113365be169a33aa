package io.arbiter.simulate;

import io.arbiter.claim.LineStatus;
import io.arbiter.claim.ClaimStatus;
import static io.arbiter.simulate.SimulatedScheme.money;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.scoring.TrainingRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated medical officer: picks the checked claims to review (the costliest fifth gets the
 * targeted share of the effort) and flags lines, catching planted ones at the catch rate.
 * Single-threaded; draws from its own random stream only.
 */
final class Reviewer {
  private static final int REVIEW_WINDOW = 1000;

  private final SimulatorOptions options;
  private final SplittableRandom random;
  private final double[] recentClaimed = new double[REVIEW_WINDOW];
  private long checkedClaims;
  private double highValue = Double.POSITIVE_INFINITY;

  Reviewer(SimulatorOptions options, SplittableRandom random) {
    this.options = options;
    this.random = random;
  }

  /**
   * Whether a reviewer looks at the claim (checked claims only; the costliest fifth gets the
   * targeted share of the effort) and, if so, the outcome on each line the rules passed.
   */
  TrainingRecord.Review review(ClaimDecision decision, Plant[] items, Plant[] services) {
    if (decision.status() != ClaimStatus.CHECKED) {
      return null;
    }
    double claimed = decision.claimed() == null ? 0 : decision.claimed().doubleValue();
    recentClaimed[(int) (checkedClaims % REVIEW_WINDOW)] = claimed;
    checkedClaims++;
    if (checkedClaims == 50 || checkedClaims % 250 == 0) {
      double[] sorted = Arrays.copyOf(recentClaimed, (int) Math.min(checkedClaims, REVIEW_WINDOW));
      Arrays.sort(sorted);
      highValue = sorted[(int) (sorted.length * 0.8)];
    }
    double targeted = options.getTargetedReview();
    double p = options.getReviewShare() * ((1 - targeted) + (claimed >= highValue ? targeted / 0.2 : 0));
    if (random.nextDouble() >= Math.min(1, p)) {
      return null;
    }
    return new TrainingRecord.Review(outcomes(decision.items(), items), outcomes(decision.services(), services));
  }

  private List<TrainingRecord.LineOutcome> outcomes(List<LineDecision> lines, Plant[] plants) {
    List<TrainingRecord.LineOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      LineDecision line = lines.get(i);
      if (line.status() != LineStatus.PASSED) {
        continue;
      }
      Plant plant = i < plants.length ? plants[i] : Plant.NORMAL;
      boolean flagged = random.nextDouble() < (plant.abused() ? options.getCatchRate() : options.getNormalAdjustRate());
      if (random.nextDouble() < options.getLabelNoise()) {
        flagged = !flagged;
      }
      outcomes.add(outcome(line, plant, flagged));
    }
    return outcomes;
  }

  /** What the reviewer does to a line: accepts it, trims an honest one, or cuts a planted one to fair. */
  private TrainingRecord.LineOutcome outcome(LineDecision line, Plant plant, boolean flagged) {
    BigDecimal qty = line.qtyApproved() != null ? line.qtyApproved() : line.qtyProvided();
    BigDecimal unit = line.priceAdjusted() != null ? line.priceAdjusted() : line.priceAsked();
    BigDecimal value = line.approvedValue();
    if (!flagged) {
      return new TrainingRecord.LineOutcome(line.lineNo(), TrainingRecord.ACCEPTED, money(BigDecimal.ZERO), value);
    } else if (!plant.abused()) {
      BigDecimal cut = money(value.multiply(BigDecimal.valueOf(0.1 + 0.4 * random.nextDouble())));
      return new TrainingRecord.LineOutcome(line.lineNo(), TrainingRecord.ADJUSTED, cut, value);
    } else if (plant.reject()) {
      return new TrainingRecord.LineOutcome(line.lineNo(), TrainingRecord.REJECTED, value, value);
    }
    BigDecimal fairQty = plant.fairQty() == null ? qty : plant.fairQty().min(qty);
    BigDecimal fairPrice = plant.fairPrice() == null ? unit : plant.fairPrice().min(unit);
    BigDecimal fair = fairQty.multiply(fairPrice).multiply(BigDecimal.valueOf(plant.fairShare()));
    BigDecimal cut = money(value.subtract(fair).max(BigDecimal.ZERO).min(value));
    return new TrainingRecord.LineOutcome(line.lineNo(), TrainingRecord.ADJUSTED, cut, value);
  }
}
