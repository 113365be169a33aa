package io.arbiter.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a sampling batch's delivered reviews say about the whole batch: Horvitz–Thompson estimates
 * (stratified, without replacement) with 95 % confidence intervals, and the risk model's precision
 * and recall weighted by the inclusion probabilities, so that the claims the model did not flag
 * count as often as they occur rather than as often as they were sampled. Immutable.
 *
 * @param delivered sampled claims whose review is delivered; the estimates use these only
 * @param complete whether every sampled claim is delivered (else the estimates treat the delivered
 *     ones as the sample, which is biased if reviewers chose which to do first)
 * @param batchTotal the total value the reviewers would approve over the whole batch
 * @param unreviewedTotal the same over the claims not reviewed (the batch minus the delivered ones)
 * @param leakage the value the unreviewed claims would lose on review: Σ (approved when drawn −
 *     approved after review), estimated
 * @param model null when no delivered claim was scored
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SamplingReport(String batch, int claims, int sampled, int delivered, boolean complete,
    Estimate batchTotal, Estimate unreviewedTotal, Estimate leakage, ModelAccuracy model) {

  /**
   * An estimated total with its 95 % confidence interval (normal approximation). The interval is
   * null when a stratum has a single delivered claim out of several, whose variance cannot be
   * estimated.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Estimate(double total, Double standardError, Double low, Double high) {}

  /**
   * The model against the reviewers' verdicts. A claim is flagged when its band was review or
   * reject; it is positive when review lowered its approved amount.
   *
   * @param precision estimated P(positive | flagged); null when no flagged claim was delivered
   * @param recall estimated P(flagged | positive); null when no positive claim was delivered
   * @param flaggedOnlyPrecision the naive precision over delivered flagged claims, unweighted
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ModelAccuracy(Double precision, Double recall, Double flaggedOnlyPrecision, List<String> flagBands) {}
}
