package io.arbiter.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import io.arbiter.json.Json;
import io.arbiter.scoring.FeatureSchema;
import io.arbiter.scoring.ModelCard;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;

/*
 * Why class weights rather than resampling: up-weighting the positive lines by negatives/positives
 * keeps every line (nothing dropped, nothing duplicated, the same rows for a seed) and gives the
 * loss equal mass on both labels. The raw probabilities come out inflated; Platt scaling, fitted
 * unweighted, corrects them.
 */

/** Tribuo datasets, trainers and predictions over rows in the feature schema's order. */
final class TribuoModels {
  private static final LabelFactory LABELS = new LabelFactory();
  private static final Label POSITIVE = new Label(ModelCard.POSITIVE_LABEL);
  private static final Label NEGATIVE = new Label(ModelCard.NEGATIVE_LABEL);
  /** One log line per this many examples is noise; Tribuo needs some positive interval. */
  private static final int LOGGING_INTERVAL = Integer.MAX_VALUE;

  static {
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
  }

  private TribuoModels() {}

  /**
   * A dataset of the given rows with the positive lines weighted {@code positiveWeight}. Every
   * schema feature is in its feature map (rows are dense, zeros included), which {@link #checkColumns}
   * verifies on the trained model.
   */
  static MutableDataset<Label> dataset(FeatureSchema schema, float[][] rows, boolean[] labels, int[] lines,
      double positiveWeight, String description) {
    String[] names = schema.names().toArray(new String[0]);
    MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(description, LABELS), LABELS);
    for (int i : lines) {
      ArrayExample<Label> example = example(names, rows[i], labels[i] ? POSITIVE : NEGATIVE);
      example.setWeight(labels[i] ? (float) positiveWeight : 1f);
      dataset.add(example);
    }
    return dataset;
  }

  /** An example of one row; the output is ignored when predicting. */
  static ArrayExample<Label> example(String[] names, float[] row, Label output) {
    double[] values = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      values[j] = row[j];
    }
    return new ArrayExample<>(output, names, values);
  }

  static Trainer<Label> trainer(TrainingOptions options) {
    return switch (options.getAlgorithm()) {
      case LR -> new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), options.getEpochs(),
          LOGGING_INTERVAL, 1, options.getSeed());
      case FM -> new FMClassificationTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), options.getEpochs(),
          LOGGING_INTERVAL, 1, options.getSeed(), options.getFactors(), 0.1);
    };
  }

  /** Tribuo's probability of {@link ModelCard#POSITIVE_LABEL} for each listed row. */
  static double[] predict(Model<Label> model, FeatureSchema schema, float[][] rows, int[] lines) {
    String[] names = schema.names().toArray(new String[0]);
    double[] p = new double[lines.length];
    for (int k = 0; k < lines.length; k++) {
      Example<Label> example = example(names, rows[lines[k]], LabelFactory.UNKNOWN_LABEL);
      Prediction<Label> prediction = model.predict(example);
      p[k] = prediction.getOutputScores().get(ModelCard.POSITIVE_LABEL).getScore();
    }
    return p;
  }

  /**
   * Checks that the model's input column i is schema name i, for every i: the ONNX input is laid out
   * by Tribuo's feature ids, and serving fills it in schema order.
   *
   * @throws IllegalStateException naming the first column that differs
   */
  static void checkColumns(Model<Label> model, FeatureSchema schema) {
    ImmutableFeatureMap features = model.getFeatureIDMap();
    if (features.size() != schema.size()) {
      throw new IllegalStateException("the model has " + features.size() + " input columns, the schema "
          + schema.size() + ": a feature is missing from the training rows' feature map");
    }
    for (int i = 0; i < schema.size(); i++) {
      int id = features.getID(schema.names().get(i));
      if (id != i) {
        throw new IllegalStateException("schema column " + i + " (" + schema.names().get(i)
            + ") is model column " + id + ": ONNX column order differs from the schema's");
      }
    }
  }

  /**
   * Label → column of the model's output (and so of the ONNX output).
   *
   * @throws IllegalStateException unless the domain is exactly the two labels
   */
  static Map<String, Integer> outputColumns(Model<Label> model) {
    Map<String, Integer> columns = new HashMap<>();
    for (Pair<Integer, Label> p : model.getOutputIDInfo()) {
      columns.put(p.getB().getLabel(), p.getA());
    }
    if (!columns.keySet().equals(java.util.Set.of(ModelCard.POSITIVE_LABEL, ModelCard.NEGATIVE_LABEL))) {
      throw new IllegalStateException("the model's outputs are " + columns.keySet() + ", expected "
          + ModelCard.POSITIVE_LABEL + " and " + ModelCard.NEGATIVE_LABEL);
    }
    return columns;
  }

  /** The model's provenance (trainer, its settings, the dataset) as a JSON tree. */
  static JsonNode provenance(Model<Label> model) {
    Map<String, Object> map = ProvenanceUtil.convertToMap(model.getProvenance());
    return Json.mapper().valueToTree(map);
  }

  /** Per feature, the mean over the listed rows. */
  static List<Double> means(float[][] rows, int[] lines, int width) {
    double[] sum = new double[width];
    for (int i : lines) {
      for (int j = 0; j < width; j++) {
        sum[j] += rows[i][j];
      }
    }
    return java.util.Arrays.stream(sum).map(s -> lines.length == 0 ? 0 : s / lines.length).boxed().toList();
  }
}
