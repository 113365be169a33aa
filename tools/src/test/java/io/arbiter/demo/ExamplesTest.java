package io.arbiter.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.Review;
import io.arbiter.json.Json;
import io.arbiter.rules.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps examples/ honest: each example claim still gets the decision its name promises. */
class ExamplesTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final RuleSet RULES = RuleSet.fromClasspath();
  private static SchemeDocument demo;

  @BeforeAll
  static void generate() {
    demo = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
  }

  @Test
  void claimAccepted_isCheckedWithEveryLinePassed() throws IOException {
    ClaimDecision d = submit("claim-accepted.json");

    assertThat(d.status()).isEqualTo(ClaimDecision.STATUS_CHECKED);
    assertThat(lines(d)).hasSize(4).allMatch(l -> l.status() == LineDecision.STATUS_PASSED);
  }

  @Test
  void claimPartiallyRejected_isCheckedWithTheOffListAndWrongSexLinesRejected() throws IOException {
    ClaimDecision d = submit("claim-partially-rejected.json");

    assertThat(d.status()).isEqualTo(ClaimDecision.STATUS_CHECKED);
    assertThat(d.services()).filteredOn(l -> l.status() == LineDecision.STATUS_REJECTED)
        .extracting(LineDecision::serviceCode, LineDecision::rejectionReason)
        .containsExactly(tuple("XCHEST", 2));
    assertThat(d.items()).filteredOn(l -> l.status() == LineDecision.STATUS_REJECTED)
        .extracting(LineDecision::itemCode, LineDecision::rejectionReason)
        .containsExactly(tuple("FEFOLT", 4));
    assertThat(lines(d)).filteredOn(l -> l.status() == LineDecision.STATUS_PASSED).hasSize(3);
  }

  @Test
  void claimRejected_isRejectedBecauseThePolicyExpired() throws IOException {
    ClaimDecision d = submit("claim-rejected.json");

    assertThat(d.status()).isEqualTo(ClaimDecision.STATUS_REJECTED);
    assertThat(d.rejectionReason()).isEqualTo(1);
    assertThat(lines(d)).isNotEmpty().allMatch(l -> l.rejectionReason() == 7);
  }

  @Test
  void review_onTheAcceptedClaim_approvesTheReviewersQuantity() throws IOException {
    Arbiter arbiter = arbiter();
    Claim claim = read("claim-accepted.json", Claim.class);
    arbiter.submit(claim);
    Review review = read("review.json", Review.class);

    ClaimDecision d = arbiter.review(claim.code(), review);

    assertThat(d.status()).isEqualTo(ClaimDecision.STATUS_CHECKED);
    assertThat(d.reviewStatus()).isEqualTo(ClaimDecision.REVIEW_DELIVERED);
    LineDecision reviewed = d.items().get(review.items().get(0).lineNo() - 1);
    assertThat(reviewed.qtyApproved()).isEqualByComparingTo(review.items().get(0).qtyApproved());
    assertThat(reviewed.justification()).isEqualTo(review.items().get(0).justification());
  }

  private ClaimDecision submit(String file) throws IOException {
    return arbiter().submit(read(file, Claim.class)).decision();
  }

  private static Arbiter arbiter() {
    return Arbiter.builder().rules(RULES).scheme(demo).build();
  }

  private static <T> T read(String file, Class<T> type) throws IOException {
    Path path = EXAMPLES.resolve(file);
    Assumptions.assumeTrue(Files.isRegularFile(path), "skipped: " + path.toAbsolutePath().normalize() + " is absent");
    return Json.mapper().readValue(path.toFile(), type);
  }

  private static List<LineDecision> lines(ClaimDecision d) {
    return Stream.concat(d.items().stream(), d.services().stream()).toList();
  }
}
