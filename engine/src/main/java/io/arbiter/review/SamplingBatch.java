package io.arbiter.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A sampling batch (docs/adjudication.md §8): the claims a filter found, which of them were drawn for review
 * (review status 4) and which were skipped (2), per stratum with its inclusion probability, and,
 * once extrapolated, how. A plain openIMIS batch has one stratum, {@code all}. Immutable.
 *
 * @param percentage the plain batch's percentage; null for a stratified batch
 * @param rates a stratified batch's percentage per risk band; null for a plain batch
 * @param seed the seed of the draw, so that it can be repeated
 * @param claims every claim of the batch, by code
 * @param extrapolation null until the batch is extrapolated
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SamplingBatch(String id, Instant createdAt, ClaimFilter filter, Double percentage,
    Map<String, Double> rates, long seed, String policyVersion, List<Stratum> strata, List<Member> claims,
    Extrapolation extrapolation) {

  public SamplingBatch {
    rates = rates == null ? null : Map.copyOf(rates);
    strata = List.copyOf(strata);
    claims = List.copyOf(claims);
  }

  /**
   * One stratum of the draw.
   *
   * @param name the risk band ({@code pass}, {@code review}, {@code reject}, {@code unscored}), or
   *     {@code all} in a plain batch
   * @param population N, the stratum's claims
   * @param sampled n, the claims drawn for review
   */
  public record Stratum(String name, double percent, int population, int sampled) {}

  /**
   * One claim of the batch.
   *
   * @param inclusionProbability n / N of its stratum
   * @param submittedApproved the claim's approved amount when the batch was drawn
   */
  public record Member(String code, String stratum, boolean sampled, double inclusionProbability,
      BigDecimal submittedApproved) {}

  /**
   * How the batch was extrapolated.
   *
   * @param ratio Σ approved / Σ adjusted over the sampled claims, each weighted by 1 / its inclusion
   *     probability (all weights are equal in a plain batch, where this is openIMIS's ratio)
   * @param extrapolated the skipped claims whose lines got the ratio and that were processed
   * @param untouched skipped claims no longer checked and not selected (processed or reviewed since)
   * @param reviewedProcessed drawn claims still checked after their review, processed in the same
   *     step (docs/adjudication.md §8); empty in a batch extrapolated before Arbiter did so
   */
  public record Extrapolation(Instant at, BigDecimal ratio, List<String> extrapolated, List<String> untouched,
      List<String> reviewedProcessed) {
    public Extrapolation {
      extrapolated = List.copyOf(extrapolated);
      untouched = List.copyOf(untouched);
      reviewedProcessed = reviewedProcessed == null ? List.of() : List.copyOf(reviewedProcessed);
    }
  }

  /** This batch, extrapolated. */
  public SamplingBatch withExtrapolation(Extrapolation done) {
    return new SamplingBatch(id, createdAt, filter, percentage, rates, seed, policyVersion, strata, claims, done);
  }
}
