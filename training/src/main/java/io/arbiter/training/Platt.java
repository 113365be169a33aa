package io.arbiter.training;

import io.arbiter.scoring.ModelCard;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;

/*
 * Why Platt on unweighted raw probabilities: the model is trained with the positive class up-weighted
 * (so that SGD does not settle on "always accepted"), which inflates its raw probabilities. Fitting
 * a, b on the logit of the raw probability against the true labels, every line weighted 1, maps them
 * back to the real rate of adjustment; the card's thresholds and the claim score then mean what they
 * say. Two parameters fit reliably on a few thousand lines; Isotonic.choose keeps isotonic instead
 * only when it does better out of fold.
 */

/** Maximum-likelihood Platt scaling, by Newton's method. */
final class Platt {
  private static final int MAX_ITERATIONS = 100;
  private static final double TOLERANCE = 1e-10;
  /** A touch of ridge keeps the Hessian invertible when the raw scores separate the labels. */
  private static final double RIDGE = 1e-6;

  private Platt() {}

  /**
   * Fits calibrated p = σ(a · logit(raw) + b).
   *
   * @throws IllegalArgumentException when there are no rows, or the lengths differ, or the labels are all equal
   */
  static ModelCard.Calibration fit(double[] raw, boolean[] labels) {
    checkLabels(raw, labels);
    double[] z = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      z[i] = logit(raw[i]);
    }
    double a = 1;
    double b = 0;
    double loss = negLogLikelihood(z, labels, a, b);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double ga = RIDGE * a;
      double gb = RIDGE * b;
      double haa = RIDGE;
      double hab = 0;
      double hbb = RIDGE;
      for (int i = 0; i < z.length; i++) {
        double p = sigmoid(a * z[i] + b);
        double r = p - (labels[i] ? 1 : 0);
        double w = p * (1 - p);
        ga += r * z[i];
        gb += r;
        haa += w * z[i] * z[i];
        hab += w * z[i];
        hbb += w;
      }
      RealVector step = new LUDecomposition(new Array2DRowRealMatrix(new double[][] {{haa, hab}, {hab, hbb}}))
          .getSolver().solve(new ArrayRealVector(new double[] {ga, gb}));
      // Newton with step halving: never accept a step that makes the fit worse.
      double t = 1;
      double na;
      double nb;
      double next;
      do {
        na = a - t * step.getEntry(0);
        nb = b - t * step.getEntry(1);
        next = negLogLikelihood(z, labels, na, nb);
        t /= 2;
      } while (next > loss && t > 1e-8);
      if (next > loss) {
        break;
      }
      a = na;
      b = nb;
      boolean converged = loss - next < TOLERANCE * Math.max(1, Math.abs(loss));
      loss = next;
      if (converged) {
        break;
      }
    }
    return ModelCard.Calibration.platt(a, b);
  }

  private static void checkLabels(double[] raw, boolean[] labels) {
    if (raw.length == 0 || raw.length != labels.length) {
      throw new IllegalArgumentException("need as many labels as scores, at least one: " + raw.length + ", "
          + labels.length);
    }
    int positives = 0;
    for (boolean y : labels) {
      positives += y ? 1 : 0;
    }
    if (positives == 0 || positives == labels.length) {
      throw new IllegalArgumentException("calibration needs both labels; " + positives + " of "
          + labels.length + " are positive");
    }
  }

  /** Mean log loss of probabilities against labels (probabilities clipped to [1e-7, 1 − 1e-7]). */
  static double logLoss(double[] p, boolean[] labels) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
      sum -= labels[i] ? Math.log(q) : Math.log(1 - q);
    }
    return sum / p.length;
  }

  private static double negLogLikelihood(double[] z, boolean[] labels, double a, double b) {
    double sum = 0.5 * RIDGE * (a * a + b * b);
    for (int i = 0; i < z.length; i++) {
      double s = a * z[i] + b;
      // log(1 + e^s) − y·s, computed without overflow.
      sum += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - (labels[i] ? s : 0);
    }
    return sum;
  }

  /** The logit as {@link ModelCard.Calibration#apply} computes it. */
  static double logit(double raw) {
    double p = Math.min(1 - 1e-7, Math.max(1e-7, raw));
    return Math.log(p / (1 - p));
  }

  private static double sigmoid(double s) {
    return 1 / (1 + Math.exp(-s));
  }
}
