package io.arbiter.api;

import io.arbiter.engine.JsonInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.arbiter.claim.Claim;
import io.arbiter.review.Review;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonInputTest {

  @Test
  void read_decimalsAtTheBounds_accepted() throws Exception {
    Review review = JsonInput.read(bytes("{\"items\": [{\"lineNo\": 1, \"qtyApproved\": 9999999999999999.999999,"
        + " \"priceApproved\": 1.500000000000000000}]}"), Review.class);
    assertThat(review.items().get(0).qtyApproved()).isEqualByComparingTo("9999999999999999.999999");
    assertThat(review.items().get(0).priceApproved()).isEqualByComparingTo(new BigDecimal("1.5"));
  }

  @Test
  void read_decimalsBeyondTheBounds_422NamingEach() {
    Throwable refused = catchThrowable(() -> JsonInput.read(bytes("{\"items\": [{\"lineNo\": 1,"
        + " \"qtyApproved\": 10000000000000000, \"priceApproved\": 0.0000001}]}"), Review.class));

    ProblemDetails problem = ProblemDetails.of(refused);
    assertThat(problem.status()).isEqualTo(422);
    assertThat(problem.errors()).extracting(io.arbiter.batch.Refusal.FieldError::field)
        .containsExactly("/items/0/qtyApproved", "/items/0/priceApproved");
  }

  @Test
  void read_unknownFieldWithSlashAndTilde_pointerEscaped() {
    ProblemDetails problem = ProblemDetails.of(catchThrowable(() -> JsonInput.read(bytes("{\"a/b~c\": 1}"), Claim.class)));
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.errors()).extracting(io.arbiter.batch.Refusal.FieldError::field).containsExactly("/a~1b~0c");
  }

  @Test
  void of_unexpectedFailure_500RevealingNothing() {
    ProblemDetails problem = ProblemDetails.of(new IllegalStateException("secret internals"));
    assertThat(problem.status()).isEqualTo(500);
    assertThat(problem.detail()).doesNotContain("secret");
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
