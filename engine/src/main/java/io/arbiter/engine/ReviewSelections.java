package io.arbiter.engine;

import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ReviewSelection;
import io.arbiter.review.ClaimFilter;
import io.arbiter.review.SelectionRequest;
import io.arbiter.review.SelectionResult;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.store.StoredClaim;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Review selection over a set of claims of an {@link Arbiter} ({@code arbiter.reviewSelections()}),
 * as openIMIS's review selection does it (docs/adjudication.md §8). Thread-safe; blocks.
 */
public final class ReviewSelections {
  private final EngineState state;
  private final ReviewMarks marks;

  ReviewSelections(EngineState state, ReviewMarks marks) {
    this.state = state;
    this.marks = marks;
  }

  /**
   * Selects claims for review over a set (openIMIS's random, value and variance modes, and a daily
   * budget): the checked claims the filter passes whose review is idle or not selected. The
   * selected get review status 4, the others 2, each with the {@link ReviewSelection} saying why
   * (event {@code selected}). A claim processed or reviewed meanwhile is left as it is and not
   * listed. The variance mode compares with the claims whose care lies in the year before today.
   *
   * @throws ArbiterException MALFORMED (no mode) or INVALID (a mode's parameter missing or out of
   *     range, in the request and in the scheme's policy)
   */
  public SelectionResult select(SelectionRequest request) {
    SchemeSnapshot snapshot = state.scheme.get();
    ReviewSelector selector = new ReviewSelector(snapshot.settings().reviewSelection());
    ReviewSelector.Parameters parameters = selector.parameters(request);
    List<StoredClaim> set = marks.checked(request.filter() != null ? request.filter()
        : new ClaimFilter(null, null, null, null), ReviewMarks.AWAITING_REVIEW);
    LocalDate today = LocalDate.now(state.clock);
    List<StoredClaim> history = !parameters.modes().contains(ReviewSelection.MODE_VARIANCE) ? List.of()
        : state.store.claims(new ClaimFilter(null, today.minusYears(1), today.minusDays(1), List.of(
            ClaimStatus.CHECKED.code(), ClaimStatus.PROCESSED.code(), ClaimStatus.VALUATED.code())));
    long seed = request.seed() != null ? request.seed() : ThreadLocalRandom.current().nextLong();
    Map<String, ReviewSelection> chosen = selector.select(set, history, parameters, new Random(seed));
    Population population = state.population(snapshot);
    List<String> selected = new ArrayList<>();
    List<String> notSelected = new ArrayList<>();
    for (StoredClaim c : set) {
      ReviewSelection selection = chosen.get(c.claim().code());
      if (marks.markForReview(population, c.claim(), selection, ReviewMarks.AWAITING_REVIEW)) {
        (selection.selected() ? selected : notSelected).add(c.claim().code());
      }
    }
    return new SelectionResult(selector.version(), set.size(), selected, notSelected);
  }
}
