package io.arbiter.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.ReviewStatus;
import io.arbiter.store.ReviewQueueFilter;
import io.arbiter.store.StoredClaim;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One page of the claims awaiting review, most money at stake first (see {@link ReviewQueueFilter} for which
 * claims await review). Immutable.
 *
 * @param page this page's number, from 1
 * @param size the most entries a page holds
 * @param total how many claims the whole filtered queue holds
 * @param claims this page's entries, by value at stake descending, then risk score descending
 *     (unscored last), then by code
 */
public record ReviewQueue(int page, int size, long total, List<Entry> claims) {

  /** The most reasons an entry lists. */
  public static final int TOP_REASONS = 3;

  public ReviewQueue {
    claims = List.copyOf(claims);
  }

  /**
   * A claim in the queue, with what a reviewer needs to pick it: who, where, when, how much, and
   * why the model flagged it.
   *
   * @param claimed Σ qtyProvided × priceAsked
   * @param score the claim's risk score in [0, 1]; null when unscored
   * @param valueAtStake what reviewing the claim is expected to recover (scheme currency); null when
   *     unscored
   * @param band pass, review, reject or unscored
   * @param reviewStatus selected for review (4), or idle (1) (no selection ran; in the queue by its band)
   * @param reasons at most {@value #TOP_REASONS} distinct reasons of the model, those of the riskiest
   *     lines first; empty when the model gave none
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(String code, String chfId, String healthFacility, LocalDate dateFrom, LocalDate dateTo,
      LocalDate dateClaimed, BigDecimal claimed, Double score, BigDecimal valueAtStake, String band, ReviewStatus reviewStatus,
      List<String> reasons) {
    public Entry {
      reasons = List.copyOf(reasons);
    }

    /** The entry of a stored claim. */
    static Entry of(StoredClaim stored) {
      Claim c = stored.claim();
      ClaimDecision d = stored.decision();
      return new Entry(c.code(), c.chfId(), c.healthFacility(), c.dateFrom(), c.dateTo(), c.dateClaimed(),
          d.claimed(), ReviewQueueFilter.score(d), d.risk() == null ? null : d.risk().valueAtStake(),
          ReviewQueueFilter.band(d), d.reviewStatus(), reasons(d));
    }

    private static List<String> reasons(ClaimDecision d) {
      List<LineDecision> scored = new ArrayList<>();
      Stream.concat(d.items().stream(), d.services().stream()).filter(l -> l.risk() != null).forEach(scored::add);
      scored.sort(Comparator.comparingDouble((LineDecision l) -> l.risk().probability()).reversed());
      Set<String> reasons = new LinkedHashSet<>();
      for (LineDecision line : scored) {
        for (String reason : line.risk().reasons()) {
          if (reasons.size() < TOP_REASONS) {
            reasons.add(reason);
          }
        }
      }
      return List.copyOf(reasons);
    }
  }
}
