package io.arbiter.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.arbiter.json.Json;
import io.arbiter.training.Evaluation;
import io.arbiter.training.EvaluationMarkdown;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate",
    description = {"Measures a risk model on reviewed claims (a training file, as the simulator or export-training"
        + " writes it): for review budgets of 1, 2, 5 and 10 %% of the claims, the share of the adjusted value, lines"
        + " and claims found ranking by value at stake (the service) and by baselines (random, highest approved,"
        + " highest claimed), with bootstrap 95 %% intervals; per planted pattern when the file has the simulator's"
        + " truth; calibration with bin counts. The same code writes the training report.",
        "On the file the model was trained on, only its holdout is evaluated (unless --from says otherwise).",
        "Exit status 0 when evaluated, 2 when the model or the file cannot be used."})
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "The model folder (model.onnx, model-card.json, reference-stats.json).")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "The training file.")
  Path data;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD",
      description = "Evaluate the reviewed claims on or after this date (default: the model's holdout on its own"
          + " training file, else every reviewed claim).")
  LocalDate from;

  @Option(names = "--json", description = "Print a JSON document instead of Markdown tables.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    for (Path p : new Path[] {data, model.resolve("model-card.json"), model.resolve("reference-stats.json"),
        model.resolve("model.onnx")}) {
      if (!Files.isReadable(p)) {
        throw new InputException("cannot read " + p);
      }
    }
    Evaluation.Report report;
    try {
      report = Evaluation.evaluate(model, data, from);
    } catch (IOException e) {
      throw new InputException(e.getMessage());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new InputException(data + ": " + e.getMessage());
    }
    PrintWriter stdout = spec.commandLine().getOut();
    try {
      stdout.println(json ? Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report)
          : "# Model " + report.model() + "\n\n" + EvaluationMarkdown.of(report));
    } catch (IOException e) {
      throw new IllegalStateException("a report always serialises", e);
    }
    stdout.flush();
    return 0;
  }
}
