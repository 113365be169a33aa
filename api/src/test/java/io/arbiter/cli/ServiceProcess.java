package io.arbiter.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/*
 * Why a separate JVM: only killing a real process shows what a crash leaves behind; an in-process
 * server "stopped" by a test still runs its finally blocks and shutdown hooks. A shutdown hook of
 * the test's JVM kills the service too, so that a test that dies leaves no server behind.
 */

/**
 * An {@code arbiter serve} running in a JVM of its own, on 127.0.0.1 and a port it picks, started
 * with this JVM's classpath. Its output (stdout and stderr together) is kept, the last lines of it,
 * for failure messages.
 */
final class ServiceProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("Arbiter listening on http://127\\.0\\.0\\.1:(\\d+) \\(scheme (\\S+), ruleset (\\S+)\\)");
  private static final int KEPT_LINES = 200;

  private final Process process;
  private final Thread killer;
  private final Deque<String> output = new ArrayDeque<>();
  private final CompletableFuture<Matcher> listening = new CompletableFuture<>();
  private int port;
  private String schemeVersion;

  private ServiceProcess(Process process) {
    this.process = process;
    this.killer = new Thread(process::destroyForcibly, "kill-arbiter-" + process.pid());
    Runtime.getRuntime().addShutdownHook(killer);
    Thread reader = new Thread(this::readOutput, "output-of-arbiter-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code arbiter serve --host 127.0.0.1 --port 0} with {@code options} and waits until it
   * listens.
   *
   * @throws AssertionError when the service exits or does not listen within {@code timeout}
   */
  static ServiceProcess start(List<String> options, Duration timeout) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
        "-cp", System.getProperty("java.class.path"), ArbiterCommand.class.getName(),
        "serve", "--host", "127.0.0.1", "--port", "0"));
    command.addAll(options);
    ServiceProcess service = new ServiceProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    try {
      Matcher m = service.listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      service.port = Integer.parseInt(m.group(1));
      service.schemeVersion = m.group(2);
      return service;
    } catch (ExecutionException | TimeoutException e) {
      service.close();
      throw new AssertionError("the service did not start listening within " + timeout + ": " + e.getMessage()
          + "\n" + service.output(), e);
    }
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (output) {
          output.addLast(line);
          if (output.size() > KEPT_LINES) {
            output.removeFirst();
          }
        }
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          listening.complete(m);
        }
      }
    } catch (IOException e) {
      listening.completeExceptionally(new UncheckedIOException(e));
    }
    listening.completeExceptionally(new IllegalStateException("the service exited before it listened"));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** The scheme version the service announced when it started. */
  String schemeVersion() {
    return schemeVersion;
  }

  long pid() {
    return process.pid();
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
    synchronized (output) {
      return String.join("\n", output);
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
