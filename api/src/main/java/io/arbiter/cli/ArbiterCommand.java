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
        TrainCommand.class, ExportTrainingCommand.class, KeysCommand.class},
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

  /** Runs the command and exits with its status, except while {@code serve} is serving. */
  public static void main(String... args) {
    CommandLine cli = commandLine();
    int status = cli.execute(args);
    // serve returns once listening; Vert.x's threads then keep the process alive until it is stopped.
    if (!((ServeCommand) cli.getSubcommands().get("serve").getCommand()).listening()) {
      System.exit(status);
    }
  }

  /** The command line, configured; package-private so that tests run it without exiting. */
  static CommandLine commandLine() {
    return new CommandLine(new ArbiterCommand()).setExecutionExceptionHandler(ArbiterCommand::failed);
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
