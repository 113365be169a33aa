package io.arbiter.cli;

import io.arbiter.rules.RuleSetException;
import io.arbiter.scheme.SchemeException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code arbiter} command line (the runnable jar's main class): {@code serve},
 * {@code adjudicate} and {@code import}. Failures print a message for a person, never a stack trace, except for a
 * fault of Arbiter itself.
 */
@Command(name = "arbiter", mixinStandardHelpOptions = true, versionProvider = ArbiterCommand.Version.class,
    scope = ScopeType.INHERIT,
    subcommands = {ServeCommand.class, AdjudicateCommand.class, ImportCommand.class, SimulateCommand.class,
        TrainCommand.class, EvaluateCommand.class, ExportTrainingCommand.class, KeysCommand.class, ConfigCommand.class},
    description = "Claim adjudication for openIMIS-style health-insurance schemes.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:success",
        "1:adjudicate: a claim was refused; import: a row was rejected",
        "2:bad usage, or an input (option, file, scheme, rules) cannot be used",
        "3:Arbiter could not run (port in use, internal error)"})
public final class ArbiterCommand implements Callable<Integer> {
  static final int EXIT_REFUSED = 1;
  static final int EXIT_INPUT = CommandLine.ExitCode.USAGE;
  static final int EXIT_FAILURE = 3;

  @Spec
  CommandSpec spec;

  // Read before parsing (Configuration.load); declared so that every command accepts it.
  @Option(names = Configuration.OPTION, paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = {"Configuration file (properties: key=value, keys as the long options without dashes,",
          "e.g. db.url, port); default ARBITER_CONFIG, else ./arbiter.properties if present. ARBITER_<KEY>",
          "environment variables override it, command-line flags override both."})
  java.nio.file.Path config;

  /** Runs the command and exits with its status, except while {@code serve} is serving. */
  public static void main(String... args) {
    CommandLine cli = commandLine(args);
    int status = cli.execute(args);
    // serve returns once listening; Vert.x's threads then keep the process alive until it is stopped.
    if (!((ServeCommand) cli.getSubcommands().get("serve").getCommand()).listening()) {
      System.exit(status);
    }
  }

  /**
   * The command line for these arguments (they name the configuration file), configured from the
   * process's environment; package-private so that tests run it without exiting.
   */
  static CommandLine commandLine(String... args) {
    return commandLine(System.getenv(), args);
  }

  /** As {@link #commandLine(String...)}, with the environment given (tests). */
  static CommandLine commandLine(java.util.Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new ArbiterCommand()).setExecutionExceptionHandler(ArbiterCommand::failed);
    Configuration config;
    try {
      config = Configuration.load(args, env);
    } catch (InputException e) {
      return cli.setExecutionStrategy(parsed -> {
        throw new CommandLine.ExecutionException(cli, e.getMessage(), e);
      });
    }
    cli.setDefaultValueProvider(config);
    // A bad configuration stops every command before it runs, naming the key.
    return cli.setExecutionStrategy(parsed -> {
      java.util.List<String> problems = config.problems(cli.getCommandSpec());
      if (!problems.isEmpty()) {
        throw new CommandLine.ExecutionException(cli, "invalid configuration", new InputException(
            "invalid configuration:\n  " + String.join("\n  ", problems)));
      }
      return new CommandLine.RunLast().execute(parsed);
    });
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand: serve, adjudicate or import");
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
    if (e instanceof ServeCommand.StartException) {
      err.println("arbiter: " + e.getMessage());
      return EXIT_FAILURE;
    }
    err.println("arbiter: internal error");
    e.printStackTrace(err);
    return EXIT_FAILURE;
  }

  /** The version from the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ArbiterCommand.class.getPackage().getImplementationVersion();
      return new String[] {"arbiter " + (version != null ? version : "(development build)")};
    }
  }
}
