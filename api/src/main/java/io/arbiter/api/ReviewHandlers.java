package io.arbiter.api;

import io.arbiter.engine.Reviews;
import io.arbiter.access.Actor;
import io.arbiter.access.AuditLog;
import io.arbiter.access.Tokens;
import io.arbiter.claim.ClaimRisk;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.Problem;
import io.arbiter.review.Review;
import io.arbiter.input.Identifiers;
import io.arbiter.engine.JsonInput;
import io.arbiter.review.SelectionRequest;
import io.arbiter.store.ReviewQueueFilter;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The reviewers' routes: a claim's review, the review queue, and selecting claims for review. */
final class ReviewHandlers {
  /** The query parameters {@code GET /v1/review-queue} reads; any other is refused. */
  private static final Set<String> QUEUE_PARAMETERS = Set.of("healthFacility", "from", "to", "band", "batch", "page",
      "size");
  private static final Set<String> BANDS = Set.of(ClaimRisk.BAND_PASS, ClaimRisk.BAND_REVIEW, ClaimRisk.BAND_REJECT,
      ClaimRisk.BAND_UNSCORED);
  static final int DEFAULT_QUEUE_PAGE_SIZE = 20;

  private final Arbiter arbiter;
  private final AuditLog audit;

  ReviewHandlers(Arbiter arbiter, AuditLog audit) {
    this.arbiter = arbiter;
    this.audit = audit;
  }

  void review(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    byte[] body = Requests.body(ctx);
    Actor actor = Access.actor(ctx);
    Reply.onWorker(ctx, () -> {
      Review review = JsonInput.read(body, Review.class);
      String before = arbiter.claims().decision(code).map(Requests::hash).orElse(null);
      Object decided = arbiter.reviews().review(code, review);
      audit.record(actor, "claim.review", code, before, Requests.hash(decided));
      return Reply.ok(decided);
    });
  }

  /**
   * {@code GET /v1/review-queue}: every parameter is checked before the store is asked, and all
   * that are wrong are named together. An unknown parameter is refused rather than ignored, so a
   * filter this server does not apply never passes for one it did.
   */
  void reviewQueue(RoutingContext ctx) {
    MultiMap query = ctx.queryParams();
    List<Problem> problems = new ArrayList<>();
    for (String name : query.names()) {
      if (!QUEUE_PARAMETERS.contains(name)) {
        problems.add(new Problem(name, "is not a parameter of the review queue", false));
      } else if (query.getAll(name).size() > 1) {
        problems.add(new Problem(name, "must be given at most once", false));
      }
    }
    String facility = identifier(query, "healthFacility", problems);
    LocalDate from = Requests.queryDate(query.get("from"), "from", problems);
    LocalDate to = Requests.queryDate(query.get("to"), "to", problems);
    if (from != null && to != null && to.isBefore(from)) {
      problems.add(new Problem("to", "must not be before from (" + from + "), was " + to, false));
    }
    String batch = identifier(query, "batch", problems);
    String band = query.get("band");
    if (band != null && !BANDS.contains(band)) {
      problems.add(new Problem("band", "must be one of pass, review, reject, unscored; was '" + band + "'", false));
    }
    int page = Requests.queryInt(query.get("page"), "page", 1, 1, Integer.MAX_VALUE, problems);
    int size = Requests.queryInt(query.get("size"), "size", DEFAULT_QUEUE_PAGE_SIZE, 1, Reviews.MAX_QUEUE_PAGE_SIZE,
        problems);
    if (Requests.valid(ctx, "the review queue's parameters are not valid", problems)) {
      ReviewQueueFilter filter = new ReviewQueueFilter(facility, from, to, band, batch);
      Reply.onWorker(ctx, () -> Reply.ok(arbiter.reviews().queue(filter, page, size)));
    }
  }

  private static String identifier(MultiMap query, String name, List<Problem> problems) {
    String value = query.get(name);
    if (value != null) {
      Identifiers.problem(value).ifPresent(p -> problems.add(new Problem(name, p, false)));
    }
    return value;
  }

  /** {@code POST /v1/review-selection}: selects over a set of claims; answers the codes selected. */
  void selectForReview(RoutingContext ctx) {
    byte[] body = Requests.body(ctx);
    Actor actor = Access.actor(ctx);
    Reply.onWorker(ctx, () -> {
      Object selected = arbiter.reviewSelections().select(JsonInput.read(body, SelectionRequest.class));
      audit.record(actor, "review.select", null, Tokens.sha256(body), Requests.hash(selected));
      return Reply.ok(selected);
    });
  }
}
