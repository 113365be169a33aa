package io.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.arbiter.main.ArbiterCommand;
import picocli.CommandLine;

/** The configuration file, ARBITER_* variables and flags: precedence, checks, and config --print. */
class ConfigurationTest {
  @TempDir
  Path dir;

  private Path file(String text) throws IOException {
    Path f = dir.resolve("arbiter.properties");
    Files.writeString(f, text);
    return f;
  }

  /** The serve command as parsed (not run) from these arguments and this environment. */
  /** The serve command's options, as parsed. */
  private record Serve(int port, String host, String dbUrl, int managementPort, String logLevel) {
    static Serve of(CommandLine serve) {
      picocli.CommandLine.Model.CommandSpec spec = serve.getCommandSpec();
      return new Serve(spec.findOption("--port").getValue(), spec.findOption("--host").getValue(),
          spec.findOption("--db").getValue(), spec.findOption("--management-port").getValue(),
          spec.findOption("--log-level").getValue());
    }
  }

  private static Serve serve(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    CommandLine cli = ArbiterCommand.commandLine(env, all);
    cli.parseArgs(all);
    return Serve.of(cli.getSubcommands().get("serve"));
  }

  private static CliRun run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ArbiterCommand.commandLine(env, args);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new CliRun(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void precedence_fileThenEnvironmentThenFlag() throws IOException {
    Path f = file("port=1111\nhost=10.0.0.1\ndb.url=jdbc:h2:mem:fromfile\nmanagement.port=9001\n");
    String config = "--config=" + f;

    Serve fromFile = serve(Map.of(), config);
    assertThat(fromFile.port()).isEqualTo(1111);
    assertThat(fromFile.host()).isEqualTo("10.0.0.1");
    assertThat(fromFile.dbUrl()).as("--db is also --db-url, key db.url").isEqualTo("jdbc:h2:mem:fromfile");
    assertThat(fromFile.managementPort()).isEqualTo(9001);

    Serve fromEnv = serve(Map.of("ARBITER_PORT", "2222", "ARBITER_DB_URL", "jdbc:h2:mem:fromenv"), config);
    assertThat(fromEnv.port()).isEqualTo(2222);
    assertThat(fromEnv.dbUrl()).isEqualTo("jdbc:h2:mem:fromenv");
    assertThat(fromEnv.host()).as("not in the environment: the file's").isEqualTo("10.0.0.1");

    Serve fromFlag = serve(Map.of("ARBITER_PORT", "2222"), config, "--port", "3333");
    assertThat(fromFlag.port()).isEqualTo(3333);
    assertThat(fromFlag.managementPort()).isEqualTo(9001);
  }

  @Test
  void noConfiguration_annotationDefaults() {
    Serve plain = serve(Map.of());
    assertThat(plain.port()).isEqualTo(io.arbiter.api.ArbiterServerOptions.DEFAULT_PORT);
    assertThat(plain.managementPort()).isEqualTo(io.arbiter.api.ArbiterServerOptions.NO_MANAGEMENT_PORT);
    assertThat(plain.logLevel()).isEqualTo("INFO");
  }

  @Test
  void configFromEnvironmentVariable_readLikeTheOption() throws IOException {
    Path f = file("port=4444\n");
    assertThat(serve(Map.of(Configuration.ENV_FILE, f.toString())).port()).isEqualTo(4444);
  }

  @Test
  void unknownKey_stopsNamingTheKey() throws IOException {
    Path f = file("port=8080\nprot=8081\n");
    CliRun run = run(Map.of(), "config", "--print", "--config", f.toString());
    assertThat(run.status()).isEqualTo(Cli.EXIT_INPUT);
    assertThat(run.err()).contains("invalid configuration", "unknown key 'prot'", f.toString());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void badNumber_stopsServeBeforeItStartsNamingTheKeyAndSource() throws IOException {
    Path f = file("port=eighty\n");
    CliRun run = run(Map.of(), "serve", "--config", f.toString());
    assertThat(run.status()).isEqualTo(Cli.EXIT_INPUT);
    assertThat(run.err()).contains("key 'port'", "file " + f, "'eighty' is not a number");

    CliRun env = run(Map.of("ARBITER_MANAGEMENT_PORT", "x1"), "serve");
    assertThat(env.status()).isEqualTo(Cli.EXIT_INPUT);
    assertThat(env.err()).contains("key 'management.port'", "environment variable ARBITER_MANAGEMENT_PORT");
  }

  @Test
  void groupOption_isNoKey() throws IOException {
    Path f = file("demo=true\n");
    CliRun run = run(Map.of(), "config", "--print", "--config", f.toString());
    assertThat(run.status()).isEqualTo(Cli.EXIT_INPUT);
    assertThat(run.err()).contains("unknown key 'demo'");
  }

  @Test
  void missingFile_stopsNamingIt() {
    Path missing = dir.resolve("nope.properties");
    CliRun run = run(Map.of(), "config", "--print", "--config", missing.toString());
    assertThat(run.status()).isEqualTo(Cli.EXIT_INPUT);
    assertThat(run.err()).contains("cannot read the configuration file " + missing);
  }

  @Test
  void print_showsEachKeyWithItsSourceAndMasksSecrets() throws IOException {
    Path f = file("db.password=hunter2\nport=5555\n");
    CliRun run = run(Map.of("ARBITER_DB_USER", "arbiter", "ARBITER_DB_PASSWORD", "s3cret"), "config", "--print",
        "--config", f.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("# configuration file: " + f)
        .contains("port=5555  # file " + f)
        .contains("db.user=arbiter  # environment variable ARBITER_DB_USER")
        .contains("db.password=********  # environment variable ARBITER_DB_PASSWORD")
        .contains("host=0.0.0.0  # default")
        .doesNotContain("s3cret").doesNotContain("hunter2");
    // Every option of every command has a key: the ones of import and simulate too; but not
    // --scheme and --demo, a group to which picocli gives no defaults.
    assertThat(run.out()).contains("\nmodels=", "\nrules=", "\nlog.level=", "\nseed=")
        .doesNotContain("\ndemo=", "\nscheme=", "\nprint=", "\nconfig=");
  }
}
