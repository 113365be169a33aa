package io.arbiter.cli;

import io.arbiter.main.ArbiterCommand;
import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of the {@code arbiter} command line: its exit status and what it printed. */
record CliRun(int status, String out, String err) {

  static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ArbiterCommand.commandLine(args);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    return new CliRun(status, out.toString(), err.toString());
  }

  /** Each line of standard output read as JSON. */
  List<JsonNode> jsonLines() {
    return out.lines().map(line -> {
      try {
        return Json.mapper().readTree(line);
      } catch (IOException e) {
        throw new UncheckedIOException(line, e);
      }
    }).toList();
  }
}
