package io.arbiter.api;

import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineRisk;
import io.arbiter.claim.LineStatus;
import io.arbiter.scoring.ClaimContext;
import io.arbiter.scoring.RiskScorer;
import io.arbiter.scoring.ScoredClaim;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A real, deterministic risk model for tests, with one stated rule: the more a line asks, the
 * riskier it is. A passed line asking amount {@code a} = qtyProvided × priceAsked has probability
 * {@code a / (a + 100)} and the reason "asks A for CODE"; a line the rules rejected is not scored.
 * The claim's score is 1 − Π(1 − p) over its scored lines (as the production contract says), in
 * the review band from 0.5 on, else pass. So a single consultation line asking 900 scores 0.9, one
 * asking 100 scores 0.5 (review), one item asking 10 scores 0.09 (pass).
 */
final class AmountRiskScorer implements RiskScorer {
  static final String VERSION = "amount-test-1";

  @Override
  public ScoredClaim score(ClaimContext context) {
    List<LineRisk> items = risks(context.decision().items());
    List<LineRisk> services = risks(context.decision().services());
    double keep = 1;
    double value = 0;
    List<LineDecision> lines = concat(context.decision().items(), context.decision().services());
    List<LineRisk> risks = concat(items, services);
    for (int i = 0; i < risks.size(); i++) {
      if (risks.get(i) != null) {
        keep *= 1 - risks.get(i).probability();
        value += risks.get(i).probability() * lines.get(i).approvedValue().doubleValue();
      }
    }
    double score = 1 - keep;
    String band = score >= 0.5 ? ClaimRisk.BAND_REVIEW : ClaimRisk.BAND_PASS;
    return new ScoredClaim(new ClaimRisk(band, score, BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP),
        VERSION, null, null), items, services);
  }

  /** The probability the rule gives a line asking {@code amount}. */
  static double probability(BigDecimal amount) {
    double a = amount.doubleValue();
    return a / (a + 100);
  }

  private static List<LineRisk> risks(List<LineDecision> lines) {
    List<LineRisk> risks = new ArrayList<>();
    for (LineDecision line : lines) {
      if (line.status() != LineStatus.PASSED) {
        risks.add(null);
        continue;
      }
      BigDecimal amount = line.qtyProvided().multiply(line.priceAsked());
      String code = line.itemCode() != null ? line.itemCode() : line.serviceCode();
      risks.add(new LineRisk(probability(amount), List.of("asks " + amount.stripTrailingZeros().toPlainString()
          + " for " + code), null));
    }
    return risks;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Override
  public String modelVersion() {
    return VERSION;
  }
}
