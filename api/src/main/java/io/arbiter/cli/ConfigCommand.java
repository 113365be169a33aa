package io.arbiter.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code arbiter config --print}: the effective configuration, each value with its source. */
@Command(name = "config", description = {"Shows the effective configuration: every key, its value and where it",
    "comes from (environment variable, file, default); passwords and keys are masked. Command-line flags",
    "override what is shown, for the command they are given to."})
final class ConfigCommand implements Callable<Integer> {
  @Option(names = "--print", required = true, description = "Print the effective configuration.")
  boolean print;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (!(spec.root().commandLine().getDefaultValueProvider() instanceof Configuration config)) {
      throw new ParameterException(spec.commandLine(), "no configuration is loaded");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("# configuration file: " + (config.file() == null ? "(none)" : config.file()));
    for (Map.Entry<String, Configuration.Value> e : config.effective(spec.root()).entrySet()) {
      Configuration.Value v = e.getValue();
      out.printf("%s=%s  # %s%n", e.getKey(), v.value() == null ? "" : v.value(), Configuration.where(v));
    }
    out.flush();
    return 0;
  }
}
