package io.arbiter.cli;

import static io.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  @TempDir
  Path dir;

  @Test
  void train_unknownAlgorithm_isAUsageError() throws IOException {
    Path data = Files.writeString(dir.resolve("t.ndjson"), "{}\n");

    CliRun run = run("train", "--data", data.toString(), "--out", dir.resolve("m").toString(), "--algorithm", "rf");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("algorithm must be lr or fm");
  }

  @Test
  void train_missingFile_isAnInputError() {
    CliRun run = run("train", "--data", dir.resolve("none.ndjson").toString(), "--out", dir.resolve("m").toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("cannot read").doesNotContain("Exception");
  }

  @Test
  void train_notATrainingFile_isAnInputErrorAndWritesNoModel() throws IOException {
    Path data = Files.writeString(dir.resolve("t.ndjson"), "{\"format\":\"other\"}\n");

    CliRun run = run("train", "--data", data.toString(), "--out", dir.resolve("m").toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("t.ndjson");
    assertThat(dir.resolve("m").resolve("model.onnx")).doesNotExist();
  }

  @Test
  void train_holdoutOutOfRange_isAUsageError() throws IOException {
    Path data = Files.writeString(dir.resolve("t.ndjson"), "{}\n");

    CliRun run = run("train", "--data", data.toString(), "--out", dir.resolve("m").toString(), "--holdout", "1.5");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("holdout share");
  }

  @Test
  void train_anomalyWeightOutOfRange_isAUsageError() throws IOException {
    Path data = Files.writeString(dir.resolve("t.ndjson"), "{}\n");

    CliRun run = run("train", "--data", data.toString(), "--out", dir.resolve("m").toString(), "--anomaly-weight",
        "1.01");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("anomaly weight must be between 0 and 1, was 1.01");
  }


}
