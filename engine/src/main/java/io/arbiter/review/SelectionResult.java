package io.arbiter.review;

import java.util.List;

/**
 * What a review selection did.
 *
 * @param policyVersion the scheme's review policy that selected
 * @param considered how many claims the set held
 * @param selected the codes now in review status 4, by code
 * @param notSelected the codes left in (or set to) review status 2, by code
 */
public record SelectionResult(String policyVersion, int considered, List<String> selected, List<String> notSelected) {
  public SelectionResult {
    selected = List.copyOf(selected);
    notSelected = List.copyOf(notSelected);
  }
}
