package io.arbiter.training;

import org.junit.jupiter.api.Test;

class TrainerSmokeTest {
  @Test
  void smoke() throws Exception {
    long t0 = System.nanoTime();
    var file = TrainingFixture.file();
    System.out.println("fixture " + (System.nanoTime() - t0) / 1e9 + " s, " + java.nio.file.Files.size(file));
    t0 = System.nanoTime();
    var run = TrainingFixture.lr();
    System.out.println("train " + (System.nanoTime() - t0) / 1e9 + " s");
    System.out.println(run.result().summary());
    System.out.println(run.result().card().metrics());
    System.out.println(run.result().card().calibration());
  }
}
