package io.arbiter.bench;

import io.arbiter.json.Json;
import io.arbiter.scoring.FeatureExtractor;
import io.arbiter.scoring.ModelCard;
import io.arbiter.scoring.ReferenceStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A logistic regression over the extractor's schema, trained on synthetic rows (the label follows
 * the price ratio), exported to ONNX, with a model folder written for a {@code ModelRegistry}. The
 * weights do not matter to a throughput figure; the shape (93 inputs, 2 outputs) does.
 */
final class BenchModel {
  final Model<Label> tribuo;
  final byte[] onnx;
  final int positive;
  final List<Double> means;
  final float[][] rows;

  private BenchModel(Model<Label> tribuo, byte[] onnx, int positive, List<Double> means, float[][] rows) {
    this.tribuo = tribuo;
    this.onnx = onnx;
    this.positive = positive;
    this.means = means;
    this.rows = rows;
  }

  static BenchModel train() {
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    List<String> names = FeatureExtractor.schema().names();
    String[] featureNames = names.toArray(String[]::new);
    int dominant = names.indexOf("price_ratio_log");
    Random random = new Random(42);
    LabelFactory factory = new LabelFactory();
    List<Example<Label>> examples = new ArrayList<>();
    int n = 4000;
    float[][] rows = new float[n][];
    double[] sums = new double[names.size()];
    for (int i = 0; i < n; i++) {
      double[] values = new double[names.size()];
      rows[i] = new float[names.size()];
      for (int f = 0; f < values.length; f++) {
        values[f] = random.nextGaussian() * 0.5 + 1e-3;
      }
      values[dominant] = random.nextGaussian() * 0.6;
      for (int f = 0; f < values.length; f++) {
        rows[i][f] = (float) values[f];
        sums[f] += values[f];
      }
      boolean adjusted = values[dominant] + random.nextGaussian() * 0.15 > 0.4;
      examples.add(new ArrayExample<>(new Label(adjusted ? ModelCard.POSITIVE_LABEL : ModelCard.NEGATIVE_LABEL),
          featureNames, values));
    }
    Model<Label> model = new LogisticRegressionTrainer().train(new MutableDataset<>(
        new ListDataSource<>(examples, factory, new SimpleDataSourceProvenance("synthetic", factory))));
    try {
      Path file = Files.createTempFile("bench-model", ".onnx");
      ((ONNXExportable) model).saveONNXModel("io.arbiter.bench", 1, file);
      byte[] onnx = Files.readAllBytes(file);
      Files.delete(file);
      List<Double> means = new ArrayList<>();
      for (double s : sums) {
        means.add(s / n);
      }
      return new BenchModel(model, onnx, model.getOutputIDInfo().getID(new Label(ModelCard.POSITIVE_LABEL)), means,
          rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the model as version {@code id} into a models directory, for a registry to activate. */
  void writeFolder(Path models, String id) {
    ModelCard card = new ModelCard(id, "logistic-regression", Instant.now(), FeatureExtractor.schema(),
        Map.of(ModelCard.POSITIVE_LABEL, positive, ModelCard.NEGATIVE_LABEL, 1 - positive), means,
        ModelCard.Calibration.platt(1, 0), new ModelCard.Thresholds(0.5, null, 0.05), 1.0, null, Map.of(), null, null);
    try {
      Path folder = Files.createDirectories(models.resolve(id));
      Files.write(folder.resolve("model.onnx"), onnx);
      Files.write(folder.resolve("model-card.json"), Json.mapper().writeValueAsBytes(card));
      Files.write(folder.resolve("reference-stats.json"), Json.mapper().writeValueAsBytes(ReferenceStats.EMPTY));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
