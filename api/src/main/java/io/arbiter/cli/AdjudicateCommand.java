package io.arbiter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.api.JsonInput;
import io.arbiter.api.ProblemDetails;
import io.arbiter.claim.Claim;
import io.arbiter.engine.Arbiter;
import io.arbiter.store.MemoryStore;
import io.arbiter.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
        "Exit status 0 when every claim was entered, 1 when one was refused."})
final class AdjudicateCommand implements Callable<Integer> {
  @Mixin
  EngineOptions engine;

  @Parameters(paramLabel = "CLAIMS_FILE", description = "The claims to adjudicate.")
  Path claimsFile;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (!engine.schemeChosen()) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--scheme=FILE' or '--demo'");
    }
    List<Inputs.ClaimEntry> claims = Inputs.claims(claimsFile);
    Arbiter arbiter = engine.arbiter(new MemoryStore());
    PrintWriter out = spec.commandLine().getOut();
    boolean allEntered = true;
    for (int i = 0; i < claims.size(); i++) {
      try {
        Claim claim = JsonInput.read(claims.get(i).node(), Claim.class);
        out.println(Json.mapper().writeValueAsString(arbiter.submit(claim).decision()));
      } catch (JsonProcessingException | RuntimeException e) {
        allEntered = false;
        ProblemDetails problem = ProblemDetails.of(e);
        if (problem.status() >= 500) {
          e.printStackTrace(spec.commandLine().getErr());
        }
        out.println(problemLine(i, problem));
      }
    }
    out.flush();
    return allEntered ? 0 : ArbiterCommand.EXIT_REFUSED;
  }

  private static String problemLine(int index, ProblemDetails problem) {
    ObjectNode line = Json.mapper().createObjectNode().put("index", index);
    line.setAll((ObjectNode) Json.mapper().valueToTree(problem));
    return line.toString();
  }
}
