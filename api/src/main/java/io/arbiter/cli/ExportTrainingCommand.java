package io.arbiter.cli;

import io.arbiter.export.TrainingExport;
import io.arbiter.scoring.TrainingData;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export-training",
    description = {"Writes the store's labelled decisions as a training file.",
        "For each claim submitted on or after --since (00:00 UTC), in submission order: the claim, its decision"
            + " at submission, the insuree and, if it was reviewed, per line the reviewer's outcome (rejected,"
            + " adjusted with the value taken off, or accepted).",
        "Exit status 0 on success, 3 when the database fails."})
final class ExportTrainingCommand implements Callable<Integer> {
  @Mixin
  DatabaseOptions database;

  @Option(names = "--since", paramLabel = "DATE", required = true,
      description = "First day (yyyy-mm-dd, UTC) of submissions to export.")
  LocalDate since;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "Training file to write (replaced).")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    TrainingExport.Summary summary;
    try (JdbcStore store = database.open()) {
      if (store.latestScheme().isEmpty()) {
        throw new InputException("the database holds no scheme: nothing was ever adjudicated there");
      }
      try (TrainingData.Writer writer = new TrainingData.Writer(out, "export-training since=" + since,
          TrainingExport.headerScheme(store))) {
        summary = TrainingExport.export(store, since.atStartOfDay().toInstant(ZoneOffset.UTC), writer);
      }
    } catch (StoreException e) {
      err.println("arbiter: " + e.getMessage());
      return Cli.EXIT_FAILURE;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf("claims %d, reviewed %d, skipped (insuree unknown) %d%n", summary.claims(), summary.reviewedClaims(),
        summary.skipped());
    w.flush();
    return 0;
  }
}
