package io.arbiter.claim;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The risk model's view of one line: the calibrated probability that a reviewer would reject or
 * adjust it, and up to three reasons in words, strongest first. Immutable.
 *
 * @param probability calibrated, in [0, 1]
 * @param reasons what pushed the probability up, e.g. "price asked 3.1× the price list"; empty
 *     when nothing stands out
 * @param shadowProbability the candidate model's probability when a shadow model runs; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LineRisk(double probability, List<String> reasons, Double shadowProbability) {

  public LineRisk {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }
}
