package io.arbiter.claim;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a claim was or was not selected for review, as recorded on its decision. Immutable.
 *
 * @param policyVersion version of the scheme's review policy that decided (a content hash)
 * @param mode what selected: {@link #MODE_RISK} at submit, {@link #MODE_RANDOM}, {@link #MODE_VALUE},
 *     {@link #MODE_VARIANCE} or {@link #MODE_BUDGET} by a selection over a set of claims, or
 *     {@link #MODE_SAMPLE} by a sampling batch
 * @param selected true when the claim got review status 4, false for 2
 * @param reason a sentence a person can read, with the numbers compared
 * @param batch the sampling batch's id when {@code mode} is {@link #MODE_SAMPLE}; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewSelection(String policyVersion, String mode, boolean selected, String reason, String batch) {
  public static final String MODE_RISK = "risk";
  public static final String MODE_RANDOM = "random";
  public static final String MODE_VALUE = "value";
  public static final String MODE_VARIANCE = "variance";
  public static final String MODE_BUDGET = "budget";
  public static final String MODE_SAMPLE = "sample";
}
