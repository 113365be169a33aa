package io.arbiter.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineStatus;
import io.arbiter.claim.RejectionCode;
import io.arbiter.claim.ReviewStatus;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.review.Review;
import io.arbiter.rules.drools.RuleSet;
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

    assertThat(d.status()).isEqualTo(ClaimStatus.CHECKED);
    assertThat(lines(d)).hasSize(4).allMatch(l -> l.status() == LineStatus.PASSED);
  }

  @Test
  void claimPartiallyRejected_isCheckedWithTheOffListAndWrongSexLinesRejected() throws IOException {
    ClaimDecision d = submit("claim-partially-rejected.json");

    assertThat(d.status()).isEqualTo(ClaimStatus.CHECKED);
    assertThat(d.services()).filteredOn(l -> l.status() == LineStatus.REJECTED)
        .extracting(LineDecision::serviceCode, LineDecision::rejectionReason)
        .containsExactly(tuple("XCHEST", RejectionCode.NOT_IN_PRICE_LIST));
    assertThat(d.items()).filteredOn(l -> l.status() == LineStatus.REJECTED)
        .extracting(LineDecision::itemCode, LineDecision::rejectionReason)
        .containsExactly(tuple("FEFOLT", RejectionCode.PATIENT_MASK));
    assertThat(lines(d)).filteredOn(l -> l.status() == LineStatus.PASSED).hasSize(3);
  }

  @Test
  void claimRejected_isRejectedBecauseThePolicyExpired() throws IOException {
    ClaimDecision d = submit("claim-rejected.json");

    assertThat(d.status()).isEqualTo(ClaimStatus.REJECTED);
    assertThat(d.rejectionReason()).isEqualTo(RejectionCode.NOT_IN_REGISTER);
    assertThat(lines(d)).isNotEmpty().allMatch(l -> l.rejectionReason() == RejectionCode.INSUREE_NOT_VALID);
  }

  @Test
  void review_onTheAcceptedClaim_approvesTheReviewersQuantity() throws IOException {
    Arbiter arbiter = arbiter();
    Claim claim = read("claim-accepted.json", Claim.class);
    arbiter.claims().submit(claim);
    Review review = read("review.json", Review.class);

    ClaimDecision d = arbiter.reviews().review(claim.code(), review);

    assertThat(d.status()).isEqualTo(ClaimStatus.CHECKED);
    assertThat(d.reviewStatus()).isEqualTo(ReviewStatus.DELIVERED);
    LineDecision reviewed = d.items().get(review.items().get(0).lineNo() - 1);
    assertThat(reviewed.qtyApproved()).isEqualByComparingTo(review.items().get(0).qtyApproved());
    assertThat(reviewed.justification()).isEqualTo(review.items().get(0).justification());
  }

  private ClaimDecision submit(String file) throws IOException {
    return arbiter().claims().submit(read(file, Claim.class)).decision();
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
