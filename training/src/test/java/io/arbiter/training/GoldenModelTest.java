package io.arbiter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.arbiter.json.Json;
import io.arbiter.scoring.FeatureExtractor;
import io.arbiter.scoring.ModelCard;
import io.arbiter.scoring.ReferenceStats;
import io.arbiter.scoring.onnx.OnnxRunner;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/*
 * A model trained once (from TrainingFixture) and kept as test data: it must stay loadable with
 * the current card and stats classes, match the current feature schema, and give the same outputs
 * under ONNX Runtime. If this fails, a change broke models already in the registry: bump the
 * feature schema version and retrain deliberately rather than editing these numbers.
 */
class GoldenModelTest {
  static final String ID = "lr-20270115-d4baf25f";
  /** ORT output of {@link #fixedRow()}, per output column, recorded when the model was made. */
  private static final float[] EXPECTED = {0.17352472f, 0.82647528f};

  /** A fixed input: feature j is (j mod 7) / 50. */
  static float[] fixedRow() {
    float[] row = new float[FeatureExtractor.schema().size()];
    for (int j = 0; j < row.length; j++) {
      row[j] = (j % 7) / 50f;
    }
    return row;
  }

  private static Path golden(String file) throws URISyntaxException {
    return Path.of(GoldenModelTest.class.getResource("/golden/" + ID + "/" + file).toURI());
  }

  @Test
  void card_goldenModel_loadsWithTheCurrentSchema() throws Exception {
    ModelCard card = Json.mapper().readValue(golden("model-card.json").toFile(), ModelCard.class);

    assertThat(card.id()).isEqualTo(ID);
    assertThat(card.featureSchema()).isEqualTo(FeatureExtractor.schema());
    assertThat(card.outputColumns()).containsOnlyKeys(ModelCard.POSITIVE_LABEL, ModelCard.NEGATIVE_LABEL);
    assertThat(Json.mapper().readValue(golden("reference-stats.json").toFile(), ReferenceStats.class).lines())
        .isPositive();
  }

  @Test
  void onnx_goldenModelOnFixedRow_givesTheRecordedOutputs() throws Exception {
    try (OnnxRunner runner = new OnnxRunner(golden("model.onnx"))) {
      float[] out = runner.run(new float[][] {fixedRow()})[0];

      assertThat(runner.width()).isEqualTo(FeatureExtractor.schema().size());
      assertThat(out[0]).isCloseTo(EXPECTED[0], within(1e-6f));
      assertThat(out[1]).isCloseTo(EXPECTED[1], within(1e-6f));
    }
  }
}
