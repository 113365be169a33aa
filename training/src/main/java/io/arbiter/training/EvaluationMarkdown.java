package io.arbiter.training;

import io.arbiter.training.Evaluation.Bin;
import io.arbiter.training.Evaluation.Budget;
import io.arbiter.training.Evaluation.Calibration;
import io.arbiter.training.Evaluation.Pattern;
import io.arbiter.training.Evaluation.PatternBudget;
import io.arbiter.training.Evaluation.Report;
import java.util.Locale;

/** An {@link Evaluation.Report} in words and tables. */
public final class EvaluationMarkdown {
  private EvaluationMarkdown() {}

  /** The report as Markdown tables, for report.md and the evaluate command's text output. */
  public static String of(Report r) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "%d reviewed claims, %d lines, adjusted value %.2f.%n%n", r.claims(),
        r.lines(), r.adjustedValue()));
    md.append("| budget | claims | ranking | adjusted value found [95 % CI] | × random | adjusted lines found |"
        + " adjusted claims found |\n|---|---|---|---|---|---|---|\n");
    for (Budget b : r.budgets()) {
      b.rankings().forEach((name, s) -> md.append(String.format(Locale.ROOT,
          "| %.0f %% | %d | %s | %.1f %% [%.1f, %.1f] | %.1f | %.1f %% [%.1f, %.1f] | %.1f %% [%.1f, %.1f] |%n",
          100 * b.budget(), b.claims(), name, 100 * s.valueShare(), 100 * s.valueInterval().low(),
          100 * s.valueInterval().high(), s.timesRandom(), 100 * s.lineShare(), 100 * s.lineInterval().low(),
          100 * s.lineInterval().high(), 100 * s.claimShare(), 100 * s.claimInterval().low(),
          100 * s.claimInterval().high())));
    }
    if (!r.patterns().isEmpty()) {
      md.append("\nPer planted pattern, the service's ranking (adjusted value of the pattern's lines found):\n\n"
          + "| pattern | left out of training | claims | adjusted value | 5 % budget [95 % CI] | × random |"
          + " 10 % budget | × random |\n|---|---|---|---|---|---|---|---|\n");
      for (Pattern p : r.patterns()) {
        PatternBudget five = p.budgets().get(2);
        PatternBudget ten = p.budgets().get(3);
        md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.1f %% [%.1f, %.1f] | %.1f | %.1f %% | %.1f |%n",
            p.pattern(), p.leftOut() ? "yes" : "no", p.claims(), p.adjustedValue(), 100 * five.valueShare(),
            100 * five.valueInterval().low(), 100 * five.valueInterval().high(), five.timesRandom(),
            100 * ten.valueShare(), ten.timesRandom()));
      }
    }
    Calibration c = r.calibration();
    md.append(String.format(Locale.ROOT, """

        Lines: %d, payable adjustment rate %.4f; AUC %.4f, average precision %.4f, Brier %.4f, log loss %.4f;
        ECE %.4f (10 equal-width bins), %.4f (10 equal-mass bins).

        | equal-mass bin | lines | mean p | observed rate |
        |---|---|---|---|
        """, c.lines(), c.positiveRate(), c.auc(), c.averagePrecision(), c.brier(), c.logLoss(), c.eceEqualWidth(),
        c.eceEqualMass()));
    for (Bin b : c.equalMass()) {
      md.append(String.format(Locale.ROOT, "| %.4f–%.4f | %d | %.4f | %.4f |%n", b.low(), b.high(), b.count(),
          b.meanProbability(), b.observedRate()));
    }
    return md.toString();
  }
}
