package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.RejectionCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Voucher products (rules/vouchers.drl): every voucher status, codes 101–104. */
public class VouchersTest {

  public static TestScheme voucherScheme() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("voucher", true);
    ArrayNode vouchers = scheme.array("families").arrayNode();
    vouchers.addObject().put("number", "POL1").put("status", "Used");
    vouchers.addObject().put("number", "NEWV01").put("status", "new");
    vouchers.addObject().put("number", "CANC01").put("status", "CANCEL");
    vouchers.addObject().put("number", "OTHER1").put("status", "Used");
    scheme.set("vouchers", vouchers);
    return scheme;
  }

  @ParameterizedTest(name = "voucher {0}: code {1}")
  @CsvSource({
      "POL1, 0, ",
      ", 101, the claim names none",
      "ZZZ999, 101, not in the voucher register",
      "NEWV01, 102, still New",
      "CANC01, 103, cancelled",
      "OTHER1, 104, another policy than the insuree's POL1",
  })
  void voucher_statusDecides(String voucher, int code, String explanation) {
    LineDecision line = voucherScheme().arbiter().claims().submit(claim().voucher(voucher).service("CONS", "1", "100")
        .build()).decision().services().get(0);
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.of(code));
    if (explanation != null) {
      assertThat(line.explanation()).contains(explanation);
      assertThat(line.rule()).startsWith(code + " voucher");
    }
  }

  @ParameterizedTest(name = "without a voucher product, voucher {0} is ignored")
  @CsvSource({"ZZZ999", "CANC01"})
  void voucher_ignoredUnderAnOrdinaryProduct(String voucher) {
    TestScheme scheme = voucherScheme();
    scheme.product().put("voucher", false);
    assertThat(scheme.arbiter().claims().submit(claim().voucher(voucher).service("CONS", "1", "100").build()).decision()
        .services().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }
}
