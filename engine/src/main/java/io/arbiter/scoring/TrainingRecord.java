package io.arbiter.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineStatus;
import io.arbiter.scheme.Insuree;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One labelled claim of a training file: the claim, the rules decision made when it was
 * submitted, the patient, and what a reviewer then did (null when nobody reviewed it, as for most
 * claims). The simulator adds the planted abuse per line as ground truth. One NDJSON line of
 * {@link TrainingData}. Immutable.
 *
 * @param review the reviewer's outcome per line; null when the claim was not reviewed
 * @param truth per line, the abuse pattern the simulator planted; null
 *     outside the simulator
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingRecord(Claim claim, ClaimDecision decision, Insuree insuree, Review review, Truth truth) {
  public static final String ACCEPTED = "accepted";
  public static final String ADJUSTED = "adjusted";
  public static final String REJECTED = "rejected";
  /** The truth of a line the simulator left alone. */
  public static final String NORMAL = "normal";

  public TrainingRecord {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(insuree, "insuree");
  }

  /**
   * A reviewer's outcome on each line the rules passed.
   *
   * @param items per item line, in the decision's order
   * @param services per service line, in the decision's order
   */
  public record Review(List<LineOutcome> items, List<LineOutcome> services) {
    public Review {
      items = items == null ? List.of() : List.copyOf(items);
      services = services == null ? List.of() : List.copyOf(services);
    }
  }

  /**
   * @param lineNo the line's number in its list
   * @param outcome {@link #ACCEPTED}, {@link #ADJUSTED} or {@link #REJECTED}
   * @param adjustedValue how much less the reviewer approved than the rules had (≥ 0)
   * @param approvedValue what the rules had approved on the line, before the review
   *     ({@link LineDecision#approvedValue()}); null in files written before value at stake, when the
   *     decision's line gives it
   */
  public record LineOutcome(int lineNo, String outcome, BigDecimal adjustedValue, BigDecimal approvedValue) {}

  /** Planted pattern per line, items then services in the decision's order; {@link #NORMAL} for normal lines. */
  public record Truth(List<String> items, List<String> services) {
    public Truth {
      items = items == null ? List.of() : List.copyOf(items);
      services = services == null ? List.of() : List.copyOf(services);
    }
  }

  /**
   * Per line (items then services): true when a reviewer rejected or adjusted it and so took value
   * off ({@link #payable}), false when accepted or when the review changed nothing payable, null
   * when not labelled (claim not reviewed, or line rejected by the rules).
   */
  public List<Boolean> labels() {
    List<Boolean> labels = new ArrayList<>();
    addLabels(decision.items(), review == null ? null : review.items(), labels);
    addLabels(decision.services(), review == null ? null : review.services(), labels);
    return labels;
  }

  /**
   * The label rule: a review is a positive only when it changes what is paid. An
   * "adjusted" line whose cut is 0 (say a price asked above the list, which the rules had already
   * brought down to the list price) is no different, for the money, from an accepted one.
   */
  public static boolean payable(LineOutcome outcome) {
    return !ACCEPTED.equals(outcome.outcome()) && outcome.adjustedValue() != null
        && outcome.adjustedValue().signum() > 0;
  }

  /**
   * Per line (items then services): what the rules approved before any review, from the review's
   * outcome when it carries it, else from the decision's line.
   */
  public List<BigDecimal> approvedValues() {
    List<BigDecimal> values = new ArrayList<>();
    for (List<LineDecision> lines : List.of(decision.items(), decision.services())) {
      List<LineOutcome> outcomes = review == null ? null
          : lines == decision.items() ? review.items() : review.services();
      for (LineDecision line : lines) {
        LineOutcome o = outcome(outcomes, line);
        values.add(o != null && o.approvedValue() != null ? o.approvedValue() : line.approvedValue());
      }
    }
    return values;
  }

  /** Per line (items then services): the value a reviewer took off; zero when none or not reviewed. */
  public List<BigDecimal> adjustedValues() {
    List<BigDecimal> values = new ArrayList<>();
    addValues(decision.items(), review == null ? null : review.items(), values);
    addValues(decision.services(), review == null ? null : review.services(), values);
    return values;
  }

  private static void addLabels(List<LineDecision> lines, List<LineOutcome> outcomes, List<Boolean> into) {
    for (LineDecision line : lines) {
      LineOutcome o = outcome(outcomes, line);
      into.add(o == null || line.status() != LineStatus.PASSED ? null : payable(o));
    }
  }

  private static void addValues(List<LineDecision> lines, List<LineOutcome> outcomes, List<BigDecimal> into) {
    for (LineDecision line : lines) {
      LineOutcome o = outcome(outcomes, line);
      into.add(o == null || o.adjustedValue() == null ? BigDecimal.ZERO : o.adjustedValue());
    }
  }

  private static LineOutcome outcome(List<LineOutcome> outcomes, LineDecision line) {
    if (outcomes == null) {
      return null;
    }
    for (LineOutcome o : outcomes) {
      if (o.lineNo() == line.lineNo()) {
        return o;
      }
    }
    return null;
  }
}
