package io.arbiter.main;

import io.arbiter.cli.Cli;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The launcher: the {@code arbiter} command line (the runnable jar's main class), composing the
 * server's {@code serve} and the command line's own commands ({@link Cli#commands}). Failures print a
 * message for a person, never a stack trace, except for a fault of Arbiter itself.
 */
@Command(name = "arbiter", mixinStandardHelpOptions = true, versionProvider = ArbiterCommand.Version.class,
    scope = ScopeType.INHERIT,
    description = "Claim adjudication for openIMIS-style health-insurance schemes.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:success",
        "1:adjudicate: a claim was refused; import: a row was rejected",
        "2:bad usage, or an input (option, file, scheme, rules) cannot be used",
        "3:Arbiter could not run (port in use, internal error)"})
public final class ArbiterCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  // Read before parsing (Cli.configure); declared so that every command accepts it.
  @Option(names = Cli.CONFIG_OPTION, paramLabel = "FILE", scope = ScopeType.INHERIT,
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
   * process's environment; for tests, which run it without exiting.
   */
  public static CommandLine commandLine(String... args) {
    return commandLine(System.getenv(), args);
  }

  /** As {@link #commandLine(String...)}, with the environment given (tests). */
  public static CommandLine commandLine(java.util.Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new ArbiterCommand());
    cli.addSubcommand(new ServeCommand());
    Cli.commands().forEach(cli::addSubcommand);
    return Cli.configure(cli, env, args);
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand: serve, adjudicate or import");
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
