package io.arbiter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.json.Json;
import io.arbiter.scoring.FeatureExtractor;
import io.arbiter.scoring.ModelCard;
import io.arbiter.scoring.ReferenceStats;
import io.arbiter.scoring.TrainingData;
import io.arbiter.scoring.TrainingRecord;
import io.arbiter.scoring.onnx.OnnxRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.classification.Label;

class TrainerTest {
  @Test
  void train_fixture_writesCardWithSchemaIdAndFiles() throws Exception {
    Trainer.Run run = TrainingFixture.lr();
    Path out = run.result().directory();

    ModelCard card = Json.mapper().readValue(out.resolve("model-card.json").toFile(), ModelCard.class);

    assertThat(card.featureSchema()).isEqualTo(FeatureExtractor.schema());
    assertThat(card.id()).isEqualTo("lr-20270115-" + LabelledData.sha256(TrainingFixture.file()).substring(0, 8));
    assertThat(card.algorithm()).isEqualTo("logistic-regression");
    assertThat(card.baseline()).hasSize(FeatureExtractor.schema().size());
    assertThat(card.metrics()).containsKeys("auc", "averagePrecision", "brier", "ece", "yieldAt5pct",
        "randomYieldAt5pct");
    assertThat(card.provenance().toString()).contains("LinearSGDTrainer");
    assertThat(card.trainingData().holdoutFrom()).isEqualTo(run.data().holdoutFrom.toString());
    assertThat(Json.mapper().readValue(out.resolve("reference-stats.json").toFile(), ReferenceStats.class))
        .isEqualTo(run.data().stats);
    assertThat(card.expectedCutShare()).isBetween(0.01, 1.0);
    assertThat(card.anomalyWeight()).as("the unsupervised term is on by default").isEqualTo(1.0);
    assertThat(Json.mapper().readTree(out.resolve(Trainer.EVALUATION).toFile()).at("/budgets/2/rankings/service/valueShare")
        .asDouble()).isEqualTo(card.metrics().get("yieldAt5pct"));
    for (String f : new String[] {"model.onnx", "report.md", Report.ROC, Report.PRECISION_RECALL, Report.RELIABILITY,
        Report.REVIEW_YIELD, Report.BUDGETS}) {
      assertThat(Files.size(out.resolve(f))).as(f).isGreaterThan(1000);
    }
  }

  @Test
  void onnx_holdoutRows_matchTribuoWithinTolerance() throws Exception {
    Trainer.Run run = TrainingFixture.lr();
    assertThat(maxOnnxDifference(run)).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void train_factorizationMachine_exportsAnOnnxModelMatchingTribuo(@TempDir Path dir) throws Exception {
    Trainer.Run fm = Trainer.run(TrainingFixture.file(), new TrainingOptions().setOut(dir)
        .setAlgorithm(TrainingOptions.Algorithm.FM).setEpochs(3).setClock(TrainingFixture.CLOCK));

    assertThat(fm.result().card().id()).startsWith("fm-20270115-");
    assertThat(fm.result().card().algorithm()).isEqualTo("factorization-machine");
    assertThat(maxOnnxDifference(fm)).isLessThanOrEqualTo(1e-5);
    assertThat(fm.result().card().metrics().get("auc")).isGreaterThan(0.65);
  }

  @Test
  void card_outputColumns_equalTribuoOutputIds() {
    Trainer.Run run = TrainingFixture.lr();
    Map<String, Integer> expected = new HashMap<>();
    for (var pair : run.model().getOutputIDInfo()) {
      expected.put(pair.getB().getLabel(), pair.getA());
    }

    assertThat(run.result().card().outputColumns()).isEqualTo(expected)
        .containsOnlyKeys(ModelCard.POSITIVE_LABEL, ModelCard.NEGATIVE_LABEL);
  }

  @Test
  void calibration_holdout_keepsOrImprovesLogLoss() {
    Trainer.Run run = TrainingFixture.lr();
    boolean[] y = holdoutLabels(run);

    assertThat(Platt.logLoss(run.calibratedHoldout(), y)).isLessThanOrEqualTo(Platt.logLoss(run.rawHoldout(), y));
  }

  @Test
  void threshold_holdoutClaimsValueAtStake_selectsAboutTheReviewBudget() {
    Trainer.Run run = TrainingFixture.lr();
    double threshold = run.result().card().thresholds().review();
    double[] scores = run.holdoutValues();
    assertThat(scores.length).as("every checked claim of the holdout period, reviewed or not")
        .isEqualTo(run.evaluation().claims() + run.data().unreviewed.claims())
        .isGreaterThan(run.evaluation().claims());

    double share = (double) Arrays.stream(scores).filter(s -> s >= threshold).count() / scores.length;

    assertThat(run.result().card().thresholds().reviewBudget()).isEqualTo(0.05);
    assertThat(share).isBetween(0.05, 0.05 + 2.0 / scores.length);
  }

  @Test
  void split_trainingClaims_areAllBeforeTheHoldoutStart() {
    LabelledData data = TrainingFixture.lr().data();

    assertThat(data.claims).filteredOn(c -> c.part() != LabelledData.Part.HOLDOUT)
        .allMatch(c -> c.date().isBefore(data.holdoutFrom)).isNotEmpty();
    assertThat(data.claims).filteredOn(c -> c.part() == LabelledData.Part.HOLDOUT)
        .allMatch(c -> !c.date().isBefore(data.holdoutFrom)).isNotEmpty();
    assertThat(data.claims).filteredOn(c -> c.part() == LabelledData.Part.FIT)
        .allMatch(c -> c.date().isBefore(data.calibrationFrom)).isNotEmpty();
    double holdoutShare = data.claims.stream().filter(c -> c.part() == LabelledData.Part.HOLDOUT).count()
        / (double) data.claims.size();
    assertThat(holdoutShare).isBetween(0.2, 0.3);
  }

  @Test
  void referenceStats_countOnlyClaimsBeforeTheHoldout() throws Exception {
    LabelledData data = TrainingFixture.lr().data();
    long before = 0;
    long all = 0;
    try (TrainingData.Reader reader = new TrainingData.Reader(TrainingFixture.file())) {
      while (reader.hasNext()) {
        TrainingRecord r = reader.next();
        all++;
        before += TimeSplit.claimDate(r).isBefore(data.holdoutFrom) ? 1 : 0;
      }
    }

    long counted = data.stats.facilities().values().stream().mapToLong(ReferenceStats.FacilityStats::claims).sum();

    assertThat(counted).isEqualTo(before).isLessThan(all);
  }

  @Test
  void model_inflatedPrices_areRankedAndFoundFarAboveChance() {
    Map<String, Double> m = TrainingFixture.lr().result().card().metrics();

    assertThat(m.get("auc")).isGreaterThan(0.7);
    assertThat(m.get("averagePrecision")).isGreaterThan(2 * m.get("holdoutPositiveRate"));
    assertThat(m.get("yieldAt5pct")).isGreaterThan(3 * m.get("randomYieldAt5pct"));
    assertThat(m.get("ece")).isLessThan(0.08);
  }

  @Test
  void train_noOutputDirectory_isRefused() {
    assertThatThrownBy(() -> Trainer.train(TrainingFixture.file(), new TrainingOptions()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output directory");
  }

  @Test
  void train_notATrainingFile_throwsIOException(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.ndjson"), "{\"hello\": 1}\n");

    assertThatThrownBy(() -> Trainer.train(file, new TrainingOptions().setOut(dir.resolve("out"))))
        .isInstanceOf(java.io.IOException.class);
  }

  private static boolean[] holdoutLabels(Trainer.Run run) {
    boolean[] y = new boolean[run.holdout().length];
    for (int k = 0; k < y.length; k++) {
      y[k] = run.data().labels[run.holdout()[k]];
    }
    return y;
  }

  /** Max |ORT − Tribuo| positive probability over the holdout rows, checking the input width on the way. */
  static double maxOnnxDifference(Trainer.Run run) throws Exception {
    var schema = FeatureExtractor.schema();
    int[] holdout = run.holdout();
    double[] tribuo = TribuoModels.predict(run.model(), schema, run.data().rows, holdout);
    int positive = run.result().card().outputColumns().get(ModelCard.POSITIVE_LABEL);
    assertThat(run.model().getOutputIDInfo().getID(new Label(ModelCard.POSITIVE_LABEL))).isEqualTo(positive);
    try (OnnxRunner runner = new OnnxRunner(run.result().directory().resolve("model.onnx"))) {
      assertThat(runner.width()).isEqualTo(schema.size());
      float[][] rows = new float[holdout.length][];
      for (int k = 0; k < holdout.length; k++) {
        rows[k] = run.data().rows[holdout[k]];
      }
      float[][] out = runner.run(rows);
      double max = 0;
      for (int k = 0; k < holdout.length; k++) {
        max = Math.max(max, Math.abs(out[k][positive] - tribuo[k]));
      }
      return max;
    }
  }
}
