package io.arbiter.cli;

import io.arbiter.main.ArbiterCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/*
 * Why a separate JVM: only killing a real process shows what a crash leaves behind; an in-process
 * server "stopped" by a test still runs its finally blocks and shutdown hooks. A shutdown hook of
 * the test's JVM kills the service too, so that a test that dies leaves no server behind.
 * Why the output goes to a file rather than a pipe: read through a pipe, the lines a service
 * logged while it was being stopped were missing; the file keeps them for the failure messages.
 */

/**
 * An {@code arbiter serve} running in a JVM of its own, on 127.0.0.1 and a port it picks, started
 * with this JVM's classpath, its stdout and stderr written to a log file.
 */
final class ServiceProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("Arbiter listening on http://127\\.0\\.0\\.1:(\\d+) \\(scheme (\\S+), ruleset (\\S+)\\)");
  private static final int SHOWN_LINES = 200;

  private final Process process;
  private final Path log;
  private final Thread killer;
  private int port;
  private String schemeVersion;

  private ServiceProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.killer = new Thread(process::destroyForcibly, "kill-arbiter-" + process.pid());
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /**
   * Starts {@code arbiter serve --host 127.0.0.1 --port 0} with {@code options} and waits until it
   * listens.
   *
   * @param log where the service's output goes (replaced)
   * @throws AssertionError when the service exits or does not listen within {@code timeout}
   */
  static ServiceProcess start(List<String> options, Path log, Duration timeout)
      throws IOException, InterruptedException {
    return start(options, null, log, timeout);
  }

  /**
   * As {@link #start(List, Path, Duration)}, run in {@code workingDirectory} (null: this JVM's), where
   * relative paths such as the default {@code models} and {@code ./data} are then resolved.
   */
  static ServiceProcess start(List<String> options, Path workingDirectory, Path log, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
        "-cp", System.getProperty("java.class.path"), ArbiterCommand.class.getName(),
        "serve", "--host", "127.0.0.1", "--port", "0"));
    command.addAll(options);
    Files.deleteIfExists(log);
    ServiceProcess service = new ServiceProcess(
        new ProcessBuilder(command).directory(workingDirectory == null ? null : workingDirectory.toFile())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && service.process.isAlive()) {
      Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        service.port = Integer.parseInt(m.group(1));
        service.schemeVersion = m.group(2);
        return service;
      }
      Thread.sleep(50);
    }
    service.close();
    throw new AssertionError("the service did not start listening within " + timeout + "\n" + service.output());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static final Pattern KEY = Pattern.compile("^  (\\w+) key (\\S+)$", Pattern.MULTILINE);

  /**
   * The demo key the service printed at start for a role ({@code backend}, {@code reviewer}…).
   *
   * @throws AssertionError when it printed none (its database already held keys)
   */
  String key(String role) {
    try {
      Matcher m = KEY.matcher(Files.readString(log, StandardCharsets.UTF_8));
      while (m.find()) {
        if (m.group(1).equals(role)) {
          return m.group(2);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("the service printed no " + role + " key\n" + output());
  }

  /** The scheme version the service announced when it started. */
  String schemeVersion() {
    return schemeVersion;
  }

  /** SIGKILL: the process ends at once, running no shutdown hook. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError("process " + process.pid() + " survived SIGKILL for 10 s");
    }
  }

  /**
   * SIGTERM, as a service manager stops a service, and waits for the exit.
   *
   * @return how long the process took to exit
   * @throws AssertionError when it has not exited within {@code timeout} (it is then killed)
   */
  Duration terminate(Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the service did not exit within " + timeout + " of SIGTERM\n" + output());
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** The last lines the service printed. */
  String output() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - SHOWN_LINES), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
    Runtime.getRuntime().removeShutdownHook(killer);
  }
}
