package io.arbiter.scoring.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.input.InputGate;
import io.arbiter.json.Json;
import io.arbiter.scoring.ModelCard;
import io.arbiter.scoring.ModelException;
import java.io.IOException;
import java.util.List;
import java.util.Random;

/** The checks a model passes before it is stored or served (see {@link ModelRegistry#upload}). */
final class ModelChecks {
  private ModelChecks() {}

  /** Reads a JSON part of an upload. @throws ModelException INVALID naming {@code field} */
  static <T> T parse(byte[] json, Class<T> type, String field) {
    if (json == null || json.length == 0) {
      throw ModelException.invalid(field, "the " + field + " is missing");
    }
    try {
      T value = Json.mapper().readValue(json, type);
      if (value == null) {
        throw ModelException.invalid(field, "the " + field + " is null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new ModelException(ModelException.Kind.INVALID, field, "the " + field + " cannot be read: "
          + InputGate.plainWords(e), e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ModelException m) {
        throw m;
      }
      throw new ModelException(ModelException.Kind.INVALID, field, "the " + field + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The card's expected cut share, cut-share curve and thresholds. @throws ModelException INVALID */
  static void checkStake(ModelCard card) {
    Double share = card.expectedCutShare();
    if (share == null || !(share > 0 && share <= 1)) {
      throw ModelException.invalid("card.expectedCutShare", "must lie in (0, 1]; a card without it was trained"
          + " before claims were ranked by value at stake: retrain it; was " + share);
    }
    ModelCard.Calibration curve = card.cutShare();
    if (curve != null && curve.rates() != null && curve.rates().stream().anyMatch(r -> !(r >= 0 && r <= 1))) {
      throw ModelException.invalid("card.cutShare", "every rate must lie in [0, 1]");
    }
    ModelCard.Thresholds t = card.thresholds();
    boolean ok = t.review() >= 0 && Double.isFinite(t.review())
        && (t.reject() == null || (t.reject() >= t.review() && Double.isFinite(t.reject())));
    if (!ok) {
      throw ModelException.invalid("card.thresholds", "review must be a value at stake ≥ 0 and reject, when set,"
          + " at least review; were " + t.review() + " and " + t.reject());
    }
  }

  /** Canary rows: see {@link ModelRegistry#upload}. @throws ModelException INVALID naming {@code onnx} */
  static void canary(OnnxModel model) {
    int width = model.width();
    float[][] rows = new float[10][width];
    List<Double> baseline = model.card().baseline();
    Random random = new Random(20261127L);
    for (int r = 0; r < rows.length; r++) {
      for (int f = 0; f < width; f++) {
        double b = baseline.get(f);
        rows[r][f] = r == 1 ? 0f : r == 0 ? (float) b : (float) (b + random.nextGaussian() * Math.max(1, Math.abs(b)));
      }
    }
    float[] batch = model.rawProbabilities(rows);
    for (int r = 0; r < rows.length; r++) {
      float single = model.rawProbabilities(new float[][] {rows[r]})[0];
      double calibrated = model.card().calibration().apply(batch[r]);
      if (!Float.isFinite(batch[r]) || batch[r] < 0 || batch[r] > 1 || !Double.isFinite(calibrated)) {
        throw ModelException.invalid("onnx", "canary row " + r + " scores " + batch[r] + " (calibrated "
            + calibrated + "); a probability in [0, 1] was expected");
      }
      if (Math.abs(single - batch[r]) > 1e-6) {
        throw ModelException.invalid("onnx", "canary row " + r + " scores " + single + " alone but " + batch[r]
            + " in a batch");
      }
    }
  }
}
