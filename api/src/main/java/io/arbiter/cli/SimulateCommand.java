package io.arbiter.cli;

import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scoring.TrainingData;
import io.arbiter.simulate.ClaimSimulator;
import io.arbiter.simulate.SimulatorOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "simulate",
    description = {"Simulates claims over the demo scheme and writes a training file.",
        "Claims are adjudicated by the rules in the order they are claimed; abuse is planted in some lines"
            + " (recorded as ground truth) and a simulated reviewer labels a share of the claims.",
        "Prints a summary: claims, lines, planted lines by pattern, reviewed claims, labelled lines, claims a second.",
        "The same options give the same file, byte for byte."})
final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--claims", paramLabel = "N", required = true, description = "Claims to write (about 3.5 lines each).")
  long claims;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "2026", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "Training file to write (replaced).")
  Path out;

  @Option(names = "--review-share", paramLabel = "P", defaultValue = "0.15",
      description = "Share of checked claims reviewed (default ${DEFAULT-VALUE}).")
  double reviewShare;

  @Option(names = "--label-noise", paramLabel = "P", defaultValue = "0.01",
      description = "Chance that a reviewed line's label is flipped (default ${DEFAULT-VALUE}).")
  double labelNoise;

  @Option(names = "--insurees", paramLabel = "N", defaultValue = "0",
      description = "Insurees in the demo population (default: max(3000, claims / 3)).")
  int insurees;

  @Option(names = "--abuse", paramLabel = "PATTERN=SHARE",
      description = "Chance that a claim carries a pattern, e.g. --abuse upcoding=0.05 (repeatable).")
  Map<String, Double> abuse;

  @Option(names = "--scheme-out", paramLabel = "FILE",
      description = "Also write the simulated scheme with its population (JSON), for serve or adjudicate --scheme.")
  Path schemeOut;

  @Option(names = "--claims-out", paramLabel = "FILE",
      description = "Also write the simulated claims alone, one JSON a line, for adjudicate --batch or the API.")
  Path claimsOut;

  @Option(names = "--rules", paramLabel = "DIR",
      description = "Folder of .drl files to adjudicate with (default: the rules built into Arbiter).")
  Path rules;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    SimulatorOptions options;
    try {
      options = new SimulatorOptions().setClaims(claims).setSeed(seed).setReviewShare(reviewShare)
          .setLabelNoise(labelNoise).setInsurees(insurees);
      if (abuse != null) {
        abuse.forEach(options::setAbuseShare);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    ClaimSimulator simulator;
    try {
      simulator = new ClaimSimulator(options, rules == null ? RuleSet.fromClasspath() : RuleSet.fromDirectory(rules));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    ClaimSimulator.Summary s;
    try {
      s = simulator.write(out);
      if (schemeOut != null) {
        Json.mapper().writeValue(schemeOut.toFile(), simulator.run().scheme());
      }
      if (claimsOut != null) {
        writeClaims(out, claimsOut);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "claims           %d (refused at entry: %d)%n", s.claims(), s.refused());
    w.printf(Locale.ROOT, "lines            %d%n", s.lines());
    w.printf(Locale.ROOT, "abused lines     %d (%.1f %%)%n",
        s.abusedLines().values().stream().mapToLong(Long::longValue).sum(), 100 * s.abuseRate());
    s.abusedLines().forEach((pattern, n) -> w.printf(Locale.ROOT, "  %-26s %d%n", pattern, n));
    w.printf(Locale.ROOT, "reviewed claims  %d%n", s.reviewedClaims());
    w.printf(Locale.ROOT, "labelled lines   %d (label rate %.1f %%, %d adjusted or rejected)%n", s.labelledLines(),
        100 * s.labelRate(), s.positiveLabels());
    w.printf(Locale.ROOT, "claims/s         %.0f (%.1f s)%n", s.claimsPerSecond(), s.elapsedMillis() / 1000.0);
    w.flush();
    return 0;
  }

  /** The claims of a training file, in its order, one JSON a line: what the service would have been sent. */
  private static void writeClaims(Path trainingFile, Path target) throws IOException {
    try (TrainingData.Reader reader = new TrainingData.Reader(trainingFile);
        java.io.BufferedWriter writer = java.nio.file.Files.newBufferedWriter(target)) {
      while (reader.hasNext()) {
        writer.write(Json.mapper().writeValueAsString(reader.next().claim()));
        writer.newLine();
      }
    }
  }
}
