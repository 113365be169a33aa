package io.arbiter.scoring;

import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.LineRisk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A claim's risk and one {@link LineRisk} per line, items then services in the decision's order;
 * null for a line the rules rejected (it is not paid, so its risk does not matter). Immutable.
 */
public record ScoredClaim(ClaimRisk risk, List<LineRisk> items, List<LineRisk> services) {

  public ScoredClaim {
    items = Collections.unmodifiableList(new ArrayList<>(items));
    services = Collections.unmodifiableList(new ArrayList<>(services));
  }
}
