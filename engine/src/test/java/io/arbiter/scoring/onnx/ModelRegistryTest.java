package io.arbiter.scoring.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.json.Json;
import io.arbiter.scoring.FeatureSchema;
import io.arbiter.scoring.ModelCard;
import io.arbiter.scoring.ModelException;
import io.arbiter.scoring.ModelVersion;
import io.arbiter.scoring.ReferenceStats;
import io.arbiter.scoring.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  @TempDir
  Path models;

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).toList();
    }
  }

  private static ModelException refused(Runnable upload) {
    try {
      upload.run();
    } catch (ModelException e) {
      return e;
    }
    throw new AssertionError("the upload was not refused");
  }

  @Test
  void upload_validModel_isListedButNotActive() {
    try (ModelRegistry registry = ModelRegistry.open(models)) {
      ModelVersion v = TestModels.upload(registry, "m1", 1);
      assertThat(v.active()).isFalse();
      assertThat(registry.list()).extracting(ModelVersion::id).containsExactly("m1");
      assertThat(registry.active()).isEmpty();
      assertThat(Files.exists(models.resolve("m1").resolve("model.onnx"))).isTrue();
    }
  }

  @Test
  void upload_cardWithAnotherSchema_isRefusedAndWritesNothing() throws IOException {
    TestModels.Trained t = TestModels.trained(1);
    ModelCard good = TestModels.card("wrong", t, TestModels.identity(), new ModelCard.Thresholds(0.5, null, 0.05));
    List<String> names = new ArrayList<>(good.featureSchema().names());
    names.set(3, "not_a_feature");
    ModelCard wrong = new ModelCard(good.id(), good.algorithm(), good.createdAt(),
        new FeatureSchema(good.featureSchema().version(), names), good.outputColumns(), good.baseline(),
        good.calibration(), good.thresholds(), good.expectedCutShare(), good.cutShare(), good.metrics(), null, null);
    try (ModelRegistry registry = ModelRegistry.open(models)) {
      TestModels.Bundle b = TestModels.bundle(wrong, t);
      ModelException e = refused(() -> registry.upload(b.onnx(), b.card(), b.stats()));
      assertThat(e.kind()).isEqualTo(ModelException.Kind.INVALID);
      assertThat(e.field()).isEqualTo("card.featureSchema");
      assertThat(e.getMessage()).contains("column 3 is not_a_feature");
    }
    assertThat(files(models)).isEmpty();
  }

  @Test
  void upload_corruptOnnx_isRefusedAndWritesNothing() throws IOException {
    try (ModelRegistry registry = ModelRegistry.open(models)) {
      TestModels.Bundle b = TestModels.bundle("bad", 1);
      byte[] corrupt = java.util.Arrays.copyOf(b.onnx(), b.onnx().length / 2);
      ModelException e = refused(() -> registry.upload(corrupt, b.card(), b.stats()));
      assertThat(e.field()).isEqualTo("onnx");
      assertThat(registry.list()).isEmpty();
    }
    assertThat(files(models)).isEmpty();
  }

  @Test
  void upload_unreadableCardOrStats_namesThePart() {
    try (ModelRegistry registry = ModelRegistry.open(models)) {
      TestModels.Bundle b = TestModels.bundle("x", 1);
      assertThat(refused(() -> registry.upload(b.onnx(), "{\"id\":".getBytes(), b.stats())).field()).isEqualTo("card");
      assertThat(refused(() -> registry.upload(b.onnx(), b.card(), "[]".getBytes())).field()).isEqualTo("stats");
      assertThat(refused(() -> registry.upload(new byte[0], b.card(), b.stats())).field()).isEqualTo("onnx");
    }
  }

  @Test
  void upload_idWithAPathInIt_isRefused() {
    TestModels.Trained t = TestModels.trained(1);
    try (ModelRegistry registry = ModelRegistry.open(models)) {
      TestModels.Bundle b = TestModels.bundle(TestModels.card("../evil", t, TestModels.identity(),
          new ModelCard.Thresholds(0.5, null, 0.05)), t);
      assertThat(refused(() -> registry.upload(b.onnx(), b.card(), b.stats())).field()).isEqualTo("card.id");
    }
    assertThat(Files.exists(models.getParent().resolve("evil"))).isFalse();
  }

  @Test
  void upload_takenId_conflicts() {
    try (ModelRegistry registry = ModelRegistry.open(models)) {
      TestModels.upload(registry, "m1", 1);
      assertThat(refused(() -> TestModels.upload(registry, "m1", 2)).kind()).isEqualTo(ModelException.Kind.CONFLICT);
    }
  }

  @Test
  void activate_persistsAcrossReopen() throws IOException {
    try (ModelRegistry registry = ModelRegistry.open(models)) {
      TestModels.upload(registry, "m1", 1);
      TestModels.upload(registry, "m2", 2);
      registry.activate("m2");
      registry.shadow("m1");
    }
    assertThat(Files.readString(models.resolve("ACTIVE")).trim()).isEqualTo("m2");
    try (ModelRegistry reopened = ModelRegistry.open(models)) {
      assertThat(reopened.scorer().modelVersion()).isEqualTo("m2");
      assertThat(reopened.shadow()).map(ModelVersion::id).contains("m1");
      assertThat(reopened.list()).filteredOn(ModelVersion::active).extracting(ModelVersion::id).containsExactly("m2");
    }
  }

  @Test
  void activate_unknownId_isNotFoundAndChangesNothing() {
    try (ModelRegistry registry = ModelRegistry.open(models)) {
      TestModels.upload(registry, "m1", 1);
      registry.activate("m1");
      assertThat(refused(() -> registry.activate("nope")).kind()).isEqualTo(ModelException.Kind.NOT_FOUND);
      assertThat(registry.scorer().modelVersion()).isEqualTo("m1");
    }
  }

  @Test
  void activate_releasesTheOldSessionOnlyAfterUse() {
    try (ModelRegistry registry = ModelRegistry.open(models)) {
      TestModels.upload(registry, "m1", 1);
      TestModels.upload(registry, "m2", 2);
      registry.activate("m1");
      LoadedModel first = registry.activeModel();
      assertThat(first.acquire()).isTrue(); // a call in flight
      registry.activate("m2");
      assertThat(first.closed()).isFalse();
      first.release();
      assertThat(first.closed()).isTrue();
      assertThat(first.acquire()).isFalse();
    }
  }

  @Test
  void shadow_ofTheActiveModel_conflicts() {
    try (ModelRegistry registry = ModelRegistry.open(models)) {
      TestModels.upload(registry, "m1", 1);
      registry.activate("m1");
      assertThat(refused(() -> registry.shadow("m1")).kind()).isEqualTo(ModelException.Kind.CONFLICT);
      assertThat(registry.clearShadow()).isFalse();
    }
  }

  @Test
  void activate_theShadow_promotesIt() {
    try (ModelRegistry registry = ModelRegistry.open(models)) {
      TestModels.upload(registry, "m1", 1);
      TestModels.upload(registry, "m2", 2);
      registry.activate("m1");
      registry.shadow("m2");
      registry.activate("m2");
      assertThat(registry.scorer().modelVersion()).isEqualTo("m2");
      assertThat(registry.shadow()).isEmpty();
      assertThat(Files.exists(models.resolve("SHADOW"))).isFalse();
    }
  }

  @Test
  void open_activeNamesAMissingModel_runsUnscored() throws IOException {
    Files.writeString(models.resolve("ACTIVE"), "gone\n");
    try (ModelRegistry registry = ModelRegistry.open(models)) {
      assertThat(registry.scorer().modelVersion()).isNull();
      assertThat(registry.drift()).isEmpty();
    }
  }

  @Test
  void canary_modelWhoseBaselineIsWrong_stillScoresInRange() {
    // The canary rows are built from the card's baseline; a huge one must not make a valid model fail.
    TestModels.Trained t = TestModels.trained(1);
    List<Double> huge = t.means().stream().map(m -> m + 1e3).toList();
    ModelCard c = TestModels.card("huge", t, TestModels.identity(), new ModelCard.Thresholds(0.5, null, 0.05));
    ModelCard card = new ModelCard(c.id(), c.algorithm(), c.createdAt(), c.featureSchema(), c.outputColumns(), huge,
        c.calibration(), c.thresholds(), c.expectedCutShare(), c.cutShare(), c.metrics(), null, null);
    try (OnnxModel model = OnnxModel.load(t.onnx(), card, ReferenceStats.EMPTY)) {
      ModelChecks.canary(model);
      assertThat(model.rawProbabilities(new float[][] {new float[model.width()]})[0]).isBetween(0f, 1f);
    }
  }

  @Test
  void load_cardBaselineOfTheWrongLength_isRefused() throws IOException {
    TestModels.Trained t = TestModels.trained(1);
    ModelCard c = TestModels.card("short", t, TestModels.identity(), new ModelCard.Thresholds(0.5, null, 0.05));
    ModelCard card = new ModelCard(c.id(), c.algorithm(), c.createdAt(), c.featureSchema(), c.outputColumns(),
        c.baseline().subList(0, 3), c.calibration(), c.thresholds(), c.expectedCutShare(), c.cutShare(), c.metrics(), null, null);
    try (ModelRegistry registry = ModelRegistry.open(models)) {
      byte[] json = Json.mapper().writeValueAsBytes(card);
      byte[] stats = Json.mapper().writeValueAsBytes(ReferenceStats.EMPTY);
      assertThat(refused(() -> registry.upload(t.onnx(), json, stats)).field())
          .isEqualTo("card.baseline");
    }
  }
}
