package io.arbiter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.arbiter.batch.Refusal;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import io.arbiter.json.Json;
import io.arbiter.population.ImportFormat;
import io.arbiter.population.ImportSummary;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.StoreException;
import io.arbiter.population.VoucherImportSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", subcommands = ImportOpenImisCommand.class,
    description = {"Imports families, insurees, policies and memberships into the database.",
        "FILE is NDJSON (.ndjson or .jsonl): one JSON object a line, {\"type\": \"family\", \"insuree\", \"policy\""
            + " or \"membership\", and the record's fields as in a scheme document}; or CSV (.csv): a header naming"
            + " familyId and chfId and any of gender, dob, policyId, productCode, stage, status, enrollDate, startDate,"
            + " effectiveDate, expiryDate, then one row per insuree and policy. GET /openapi.yaml (POST"
            + " /v1/insurees:import) describes both.",
        "Policies must name products of the database's latest scheme (the demo scheme's on a new database, which"
            + " is then saved there, as serve would). Rows are written in batches as they are read; a bad row is"
            + " reported and the others are imported all the same.",
        "Shows a progress bar on standard error and prints the summary as JSON on standard output.",
        "Exit status 0 when every row was imported, 1 when a row was rejected, 2 when the file cannot be read"
            + " at all, 3 when the database fails (the batches before stay)."})
final class ImportCommand implements Callable<Integer> {
  @Mixin
  DatabaseOptions database;

  // Optional to picocli only so that `import openimis` parses without a FILE; call() requires it.
  @Parameters(paramLabel = "FILE", arity = "0..1", description = "The population to import: .ndjson, .jsonl or"
      + " .csv.")
  Path file;

  @picocli.CommandLine.Option(names = "--vouchers", description = "FILE is a voucher register instead: CSV with"
      + " the columns number,status (New, Used or Cancel, any case); a Used voucher is never set back. The summary"
      + " counts the rows read, imported (a voucher added or its status changed), unchanged (it already had that"
      + " status, or is Used) and rejected.")
  boolean vouchers;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (file == null) {
      throw new ParameterException(spec.commandLine(), "Missing required parameter: 'FILE'");
    }
    if (vouchers) {
      return importVouchers();
    }
    ImportFormat format = ImportFormat.ofFileName(file.getFileName().toString()).orElseThrow(() ->
        new ParameterException(spec.commandLine(), "FILE must end in .ndjson, .jsonl or .csv, was " + file));
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": " + Inputs.reason(e));
    }
    PrintWriter err = spec.commandLine().getErr();
    ImportSummary summary;
    try (JdbcStore store = database.open()) {
      // Without --scheme or --demo: the store's latest scheme, or the demo on a new database.
      Arbiter arbiter = new EngineOptions().arbiter(store);
      try (InputStream in = Files.newInputStream(file); ImportProgress progress = new ImportProgress(err, size)) {
        summary = arbiter.imports().population(in, format, progress);
      }
    } catch (StoreException e) {
      err.println("arbiter: " + e.getMessage());
      return Cli.EXIT_FAILURE;
    } catch (ArbiterException e) {
      throw new InputException(file + ": " + Inputs.describe(Refusal.of(e)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return print(summary, summary.rows().rejected());
  }

  private int importVouchers() {
    VoucherImportSummary summary;
    try (JdbcStore store = database.open()) {
      Arbiter arbiter = new EngineOptions().arbiter(store);
      try (java.io.Reader in = Files.newBufferedReader(file)) {
        summary = arbiter.imports().vouchers(in);
      }
    } catch (StoreException e) {
      spec.commandLine().getErr().println("arbiter: " + e.getMessage());
      return Cli.EXIT_FAILURE;
    } catch (ArbiterException e) {
      throw new InputException(file + ": " + Inputs.describe(Refusal.of(e)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return print(summary, summary.rejected());
  }

  /** Prints the summary as JSON; the exit status says whether a row was rejected. */
  private int print(Object summary, long rejected) {
    PrintWriter out = spec.commandLine().getOut();
    try {
      out.println(Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a summary is always writable", e);
    }
    out.flush();
    return rejected == 0 ? 0 : Cli.EXIT_REFUSED;
  }
}
