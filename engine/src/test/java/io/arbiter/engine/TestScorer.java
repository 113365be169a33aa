package io.arbiter.engine;

import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.LineDecision;
import io.arbiter.scoring.ClaimContext;
import io.arbiter.scoring.RiskScorer;
import io.arbiter.scoring.ScoredClaim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scorer for tests: the score set for a claim code (band review from 0.5, as a model might say),
 * or unscored for a code set to null; claims not named score 0. The value at stake is 100 × the
 * score unless {@link #stake} sets it apart.
 */
final class TestScorer implements RiskScorer {
  private final Map<String, Double> scores = new HashMap<>();
  private final Map<String, java.math.BigDecimal> values = new HashMap<>();

  TestScorer score(String code, Double score) {
    scores.put(code, score);
    return this;
  }

  /** A claim whose score and value at stake disagree, as a many-line cheap claim's would. */
  TestScorer stake(String code, double score, String valueAtStake) {
    scores.put(code, score);
    values.put(code, new java.math.BigDecimal(valueAtStake));
    return this;
  }

  @Override
  public ScoredClaim score(ClaimContext context) {
    String code = context.claim().code();
    Double score = scores.getOrDefault(code, 0.0);
    if (score == null) {
      throw new IllegalStateException("no features for " + code);
    }
    ClaimRisk risk = new ClaimRisk(score >= 0.5 ? ClaimRisk.BAND_REVIEW : ClaimRisk.BAND_PASS, score,
        values.getOrDefault(code, valueAtStake(score)), "test-model", null, null);
    return new ScoredClaim(risk, none(context.decision().items()), none(context.decision().services()));
  }

  /** The value at stake a score stands for here: 100 × score, so ranking by either agrees. */
  private static java.math.BigDecimal valueAtStake(double score) {
    return java.math.BigDecimal.valueOf(100 * score).setScale(2, java.math.RoundingMode.HALF_UP);
  }

  private static List<io.arbiter.claim.LineRisk> none(List<LineDecision> lines) {
    List<io.arbiter.claim.LineRisk> risks = new ArrayList<>();
    lines.forEach(l -> risks.add(null));
    return risks;
  }

  @Override
  public String modelVersion() {
    return "test-model";
  }
}
