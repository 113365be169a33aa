package io.arbiter.cli;

import io.arbiter.training.Trainer;
import io.arbiter.training.TrainingOptions;
import io.arbiter.training.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "train",
    description = {"Trains a risk model from a training file (NDJSON: a header with the scheme, then one reviewed"
        + " or unreviewed claim a line, as the simulator or export-training writes it).",
        "Labelled claims are split by date: the latest --holdout share is held out for the metrics and the review"
            + " threshold. Writes model.onnx, model-card.json, reference-stats.json, report.md and plots to --out,"
            + " and prints the holdout metrics.",
        "Exit status 0 when the model was written, 2 when the file or an option cannot be used."})
final class TrainCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "FILE", description = "The training file.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the model and its files go.")
  Path out;

  @Option(names = "--algorithm", paramLabel = "lr|fm", defaultValue = "lr",
      description = "lr (logistic regression, default) or fm (factorization machine).")
  String algorithm;

  @Option(names = "--holdout", paramLabel = "SHARE", defaultValue = "0.25",
      description = "Share of the labelled claims, the latest by date, held out (default ${DEFAULT-VALUE}).")
  double holdout;

  @Option(names = "--review-budget", paramLabel = "SHARE", defaultValue = "0.05",
      description = "Share of claims the review threshold selects on the holdout (default ${DEFAULT-VALUE}).")
  double reviewBudget;

  @Option(names = "--leave-out", split = ",", paramLabel = "PATTERN",
      description = "Planted patterns (the simulator's truth) the model must not learn from: claims carrying one"
          + " stay out of the fit and the calibration and are only evaluated in the holdout.")
  java.util.List<String> leaveOut = java.util.List.of();

  @Option(names = "--anomaly-weight", paramLabel = "W", defaultValue = "1",
      description = "How much of a line's unsupervised anomaly enters its value at stake, 0 to 1 (docs/scoring.md;"
          + " default ${DEFAULT-VALUE}; 0 ranks by the model alone).")
  double anomalyWeight;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the training (default ${DEFAULT-VALUE}).")
  long seed;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    TrainingOptions options;
    try {
      options = new TrainingOptions().setOut(out).setAlgorithm(TrainingOptions.Algorithm.of(algorithm))
          .setHoldoutShare(holdout).setReviewBudget(reviewBudget).setSeed(seed)
          .setLeftOutPatterns(java.util.Set.copyOf(leaveOut)).setAnomalyWeight(anomalyWeight);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!Files.isReadable(data)) {
      throw new InputException("cannot read " + data);
    }
    TrainingResult result;
    try {
      result = Trainer.train(data, options);
    } catch (IOException e) {
      throw new InputException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new InputException(data + ": " + e.getMessage());
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(result.summary());
    stdout.flush();
    return 0;
  }
}
