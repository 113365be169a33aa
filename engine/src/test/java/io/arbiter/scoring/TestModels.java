package io.arbiter.scoring;

import io.arbiter.json.Json;
import io.arbiter.scoring.onnx.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
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
 * Tiny real models for tests: a Tribuo logistic regression trained on synthetic rows with the
 * extractor's feature names, where the label depends on {@link #DOMINANT} alone, exported to ONNX,
 * with a card (identity calibration unless given, baseline = the training means).
 */
public final class TestModels {
  public static final String DOMINANT = "price_ratio_log";
  private static final Map<Long, Trained> CACHE = new ConcurrentHashMap<>();

  static {
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
  }

  private TestModels() {}

  /** A trained model: Tribuo's, its ONNX bytes, the label column and the training means. */
  public record Trained(Model<Label> model, byte[] onnx, int positiveColumn, List<Double> means) {}

  /** A model folder's three files. */
  public record Bundle(byte[] onnx, byte[] card, byte[] stats) {}

  /** Trains (once per seed) a logistic regression; the seed changes the weights slightly. */
  public static Trained trained(long seed) {
    return CACHE.computeIfAbsent(seed, TestModels::train);
  }

  private static Trained train(long seed) {
    List<String> names = FeatureExtractor.schema().names();
    int dominant = names.indexOf(DOMINANT);
    String[] featureNames = names.toArray(String[]::new);
    Random random = new Random(seed);
    LabelFactory factory = new LabelFactory();
    List<Example<Label>> examples = new ArrayList<>();
    double[] sums = new double[names.size()];
    int n = 4000;
    for (int i = 0; i < n; i++) {
      double[] values = new double[names.size()];
      for (int f = 0; f < values.length; f++) {
        // Never exactly 0: Tribuo leaves features it never sees out of the model's input.
        values[f] = random.nextGaussian() * 0.5 + 1e-3;
      }
      values[dominant] = random.nextGaussian() * 0.6;
      boolean adjusted = values[dominant] + random.nextGaussian() * 0.15 > 0.4;
      for (int f = 0; f < values.length; f++) {
        sums[f] += values[f];
      }
      examples.add(new ArrayExample<>(new Label(adjusted ? ModelCard.POSITIVE_LABEL : ModelCard.NEGATIVE_LABEL),
          featureNames, values));
    }
    MutableDataset<Label> data = new MutableDataset<>(
        new ListDataSource<>(examples, factory, new SimpleDataSourceProvenance("synthetic", factory)));
    Model<Label> model = new LogisticRegressionTrainer().train(data);
    try {
      Path file = Files.createTempFile("test-model", ".onnx");
      ((ONNXExportable) model).saveONNXModel("io.arbiter.test", 1, file);
      byte[] onnx = Files.readAllBytes(file);
      Files.delete(file);
      List<Double> means = new ArrayList<>();
      for (double s : sums) {
        means.add(s / n);
      }
      int positive = model.getOutputIDInfo().getID(new Label(ModelCard.POSITIVE_LABEL));
      return new Trained(model, onnx, positive, means);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ModelCard card(String id, Trained trained, ModelCard.Calibration calibration,
      ModelCard.Thresholds thresholds) {
    return new ModelCard(id, "logistic-regression", Instant.parse("2026-11-27T00:00:00Z"), FeatureExtractor.schema(),
        Map.of(ModelCard.POSITIVE_LABEL, trained.positiveColumn(), ModelCard.NEGATIVE_LABEL, 1 - trained.positiveColumn()),
        trained.means(), calibration, thresholds, 1.0, null, Map.of("auc", 0.9), null, null);
  }

  public static ModelCard.Calibration identity() {
    return ModelCard.Calibration.platt(1, 0);
  }

  public static Bundle bundle(ModelCard card, Trained trained) {
    try {
      return new Bundle(trained.onnx(), Json.mapper().writeValueAsBytes(card),
          Json.mapper().writeValueAsBytes(ReferenceStats.EMPTY));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A model with identity calibration and thresholds review 0.5, reject 0.9. */
  public static Bundle bundle(String id, long seed) {
    Trained t = trained(seed);
    return bundle(card(id, t, identity(), new ModelCard.Thresholds(0.5, 0.9, 0.05)), t);
  }

  /** Uploads {@link #bundle(String, long)} into the registry. */
  public static ModelVersion upload(ModelRegistry registry, String id, long seed) {
    Bundle b = bundle(id, seed);
    return registry.upload(b.onnx(), b.card(), b.stats());
  }
}
