package io.arbiter.cli;

import io.arbiter.rules.RuleSetException;
import io.arbiter.scheme.SchemeException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The command line's commands other than {@code serve} (which the launcher, {@code io.arbiter.main},
 * adds), their exit statuses, and how a command line is configured: options read from
 * {@code --config FILE} and {@code ARBITER_*} variables, and failures printed for a person, never
 * as a stack trace, except for a fault of Arbiter itself.
 */
public final class Cli {
  /** adjudicate: a claim was refused; import: a row was rejected. */
  public static final int EXIT_REFUSED = 1;
  /** Bad usage, or an input (option, file, scheme, rules) cannot be used. */
  public static final int EXIT_INPUT = CommandLine.ExitCode.USAGE;
  /** Arbiter could not run (port in use, internal error). */
  public static final int EXIT_FAILURE = 3;
  /** The option naming the configuration file; every command accepts it. */
  public static final String CONFIG_OPTION = Configuration.OPTION;

  private Cli() {}

  /** New instances of the commands, in the order {@code arbiter --help} lists them after {@code serve}. */
  public static List<Object> commands() {
    return List.of(new AdjudicateCommand(), new ImportCommand(), new SimulateCommand(), new TrainCommand(),
        new EvaluateCommand(), new ExportTrainingCommand(), new KeysCommand(), new ConfigCommand());
  }

  /**
   * Configures a command line whose commands are all added: its defaults from the configuration
   * file and environment (a bad configuration stops every command before it runs, naming the key),
   * and its failures as above.
   *
   * @param args the arguments it will run with (they name the configuration file)
   * @return {@code cli}
   */
  public static CommandLine configure(CommandLine cli, Map<String, String> env, String... args) {
    cli.setExecutionExceptionHandler(Cli::failed);
    Configuration config;
    try {
      config = Configuration.load(args, env);
    } catch (InputException e) {
      return cli.setExecutionStrategy(parsed -> {
        throw new CommandLine.ExecutionException(cli, e.getMessage(), e);
      });
    }
    cli.setDefaultValueProvider(config);
    return cli.setExecutionStrategy(parsed -> {
      List<String> problems = config.problems(cli.getCommandSpec());
      if (!problems.isEmpty()) {
        throw new CommandLine.ExecutionException(cli, "invalid configuration", new InputException(
            "invalid configuration:\n  " + String.join("\n  ", problems)));
      }
      return new CommandLine.RunLast().execute(parsed);
    });
  }

  private static int failed(Exception e, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof InputException || e instanceof RuleSetException || e instanceof UncheckedIOException) {
      err.println("arbiter: " + e.getMessage()
          + (e instanceof UncheckedIOException io ? ": " + Inputs.reason(io.getCause()) : ""));
      return EXIT_INPUT;
    }
    if (e instanceof SchemeException s) {
      err.println("arbiter: invalid scheme:\n  " + s.problems().stream().map(Object::toString)
          .collect(java.util.stream.Collectors.joining("\n  ")));
      return EXIT_INPUT;
    }
    if (e instanceof StartException) {
      err.println("arbiter: " + e.getMessage());
      return EXIT_FAILURE;
    }
    err.println("arbiter: internal error");
    e.printStackTrace(err);
    return EXIT_FAILURE;
  }
}
