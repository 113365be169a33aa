package io.arbiter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.batch.BatchAdjudicator;
import io.arbiter.engine.JsonInput;
import io.arbiter.batch.Refusal;
import io.arbiter.claim.Claim;
import io.arbiter.engine.Arbiter;
import io.arbiter.store.MemoryStore;
import io.arbiter.store.Store;
import io.arbiter.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "adjudicate",
    description = {"Adjudicates a file of claims offline, printing one line of JSON per claim.",
        "Submits the claims of CLAIMS_FILE (a JSON claim, a JSON array of claims, or NDJSON: one claim a line) "
            + "in order to an in-memory engine, so later claims see the usage of earlier ones.",
        "Prints on standard output each claim's decision or, when the claim is refused, a problem document "
            + "with the claim's 0-based \"index\".",
        "With --batch, CLAIMS_FILE is NDJSON of any size, streamed: claims run on every core (claims of one"
            + " family in file order), one line is printed per line of the file in its order (an empty line is"
            + " refused), only the insurees' usage is kept in memory, a progress bar runs on standard error and a"
            + " summary follows (on standard output with --out, else on standard error).",
        "With --db, claims, decisions and the ledger go to that database (as serve keeps them): later runs and"
            + " serve see them, and a batch's memory stays bounded whatever the number of claims.",
        "Exit status 0 when every claim was entered, 1 when one was refused."})
final class AdjudicateCommand implements Callable<Integer> {
  @Mixin
  EngineOptions engine;

  @Parameters(paramLabel = "CLAIMS_FILE", description = "The claims to adjudicate.")
  Path claimsFile;

  @Option(names = "--batch", description = "Stream CLAIMS_FILE (NDJSON) on every core, with progress and a summary.")
  boolean batch;

  @Option(names = "--out", paramLabel = "FILE", description = "With --batch: write the decisions to FILE (replaced)"
      + " instead of standard output.")
  Path out;

  @Option(names = "--models", paramLabel = "DIR", description = "With --batch: score claims with the active risk"
      + " model of DIR (as serve's --models, e.g. models); unscored without it.")
  Path models;

  @Mixin
  DatabaseOptions db;

  @Option(names = "--threads", paramLabel = "N", description = "With --batch: claims adjudicated at once"
      + " (default: the number of cores).")
  Integer threads;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (!engine.schemeChosen()) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--scheme=FILE' or '--demo'");
    }
    if (batch) {
      return new BatchRun(this).call();
    }
    if (out != null || models != null || threads != null) {
      throw new ParameterException(spec.commandLine(), "--out, --models and --threads need --batch");
    }
    List<Inputs.ClaimEntry> claims = Inputs.claims(claimsFile);
    try (Store store = store(MemoryStore::new)) {
      return adjudicate(claims, engine.arbiter(store));
    }
  }

  /** The database of --db when one is given, else a store of {@code inMemory}. */
  Store store(Supplier<Store> inMemory) {
    return db.url == null || db.url.isEmpty() ? inMemory.get() : db.open();
  }

  private int adjudicate(List<Inputs.ClaimEntry> claims, Arbiter arbiter) {
    PrintWriter printed = spec.commandLine().getOut();
    boolean allEntered = true;
    for (int i = 0; i < claims.size(); i++) {
      try {
        Claim claim = JsonInput.read(claims.get(i).node(), Claim.class);
        printed.println(Json.mapper().writeValueAsString(arbiter.claims().submit(claim).decision()));
      } catch (JsonProcessingException | RuntimeException e) {
        allEntered = false;
        Refusal problem = Refusal.of(e);
        if (problem.status() >= 500) {
          e.printStackTrace(spec.commandLine().getErr());
        }
        printed.println(BatchAdjudicator.problemLine(i, problem));
      }
    }
    printed.flush();
    return allEntered ? 0 : Cli.EXIT_REFUSED;
  }
}
