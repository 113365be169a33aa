package io.arbiter.store;

import java.util.List;

/**
 * One page of the review queue, riskiest first. Immutable.
 *
 * @param total how many claims the whole filtered queue holds, over all pages
 * @param claims this page's claims, by risk score descending (unscored last), then by code
 */
public record ReviewQueuePage(long total, List<StoredClaim> claims) {
  public ReviewQueuePage {
    claims = List.copyOf(claims);
  }
}
