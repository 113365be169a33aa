package io.arbiter.rules.drools;

import io.arbiter.rules.ClaimFact;
import io.arbiter.claim.RejectionCode;
import io.arbiter.rules.ClaimRules;
import io.arbiter.rules.CoverageFact;
import io.arbiter.rules.LineFact;
import io.arbiter.rules.RuleSetException;
import io.arbiter.rules.Switches;
import io.arbiter.rules.WindowFact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.builder.Message;
import org.kie.api.builder.Results;
import org.kie.api.KieServices;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.ThreadSafeOption;

/*
 * Why a pool of stateful sessions: building a KieBase takes a second, so it is built once; a
 * KieSessionsPool hands out pre-built sessions that reset on dispose, which measured ~30 % faster
 * than a reused stateless session on this machine (docs/dependencies.md).
 */

/**
 * A compiled set of DRL files and its version (a hash of the sources). Thread-safe: {@link #run}
 * takes a session from a pool, so many threads may adjudicate at once.
 */
public final class RuleSet implements ClaimRules {
  /** Where the default ruleset lives on the classpath. */
  public static final String CLASSPATH_FOLDER = "rules";
  private static final AtomicLong BUILDS = new AtomicLong();

  private final String version;
  private final List<String> files;
  /** Generated beside the scheme's files, so that the core's fact classes carry no Drools annotation. */
  private static final String REACTIVITY_FILE = "arbiter-fact-reactivity.drl";
  private static final String REACTIVITY = "package " + CLASSPATH_FOLDER + ";\nimport io.arbiter.rules.*;\n"
      + java.util.stream.Stream.of("ClaimFact", "LineFact", "CoverageFact", "WindowFact", "Switches")
          .map(fact -> "declare " + fact + " @classReactive end\n").collect(java.util.stream.Collectors.joining());
  private static final java.util.regex.Pattern LITERAL_REJECTION =
      java.util.regex.Pattern.compile("\\breject\\(\\s*(-?\\d+)\\s*,");
  private final KieBase kieBase;
  private final KieSessionsPool pool;
  private final KieSessionConfiguration sessionOptions;
  private final int poolSize = Runtime.getRuntime().availableProcessors();
  private final java.util.concurrent.atomic.AtomicInteger inUse = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * @param origin where the files come from, as error messages should name them (a folder path, or
   *     {@code rules} for the classpath)
   */
  private RuleSet(String origin, Map<String, String> sources) {
    if (sources.isEmpty()) {
      throw new RuleSetException("no .drl file found", List.of());
    }
    this.version = hash(sources);
    KieServices services = KieServices.Factory.get();
    KieFileSystem files = services.newKieFileSystem();
    // Each build needs its own release id, or builds in one JVM replace each other.
    ReleaseId releaseId = services.newReleaseId("io.arbiter", "ruleset-" + version + "-" + BUILDS.incrementAndGet(), "1");
    files.generateAndWritePomXML(releaseId);
    // The facts are class reactive (a modify re-evaluates every pattern on the fact, as the rules
    // expect: docs/dependencies.md, Drools): declared here, in a generated file compiled with the
    // scheme's own, so that the core's fact classes carry no Drools annotation.
    files.write("src/main/resources/" + CLASSPATH_FOLDER + "/" + REACTIVITY_FILE, REACTIVITY);
    sources.forEach((name, drl) -> files.write("src/main/resources/" + CLASSPATH_FOLDER + "/" + name, drl));
    Results results = services.newKieBuilder(files).buildAll().getResults();
    List<String> errors = results.getMessages(Message.Level.ERROR).stream()
        .map(m -> origin + "/" + Path.of(m.getPath()).getFileName() + ":" + m.getLine() + ":" + m.getColumn()
            + ": " + m.getText())
        .toList();
    if (!errors.isEmpty()) {
      throw new RuleSetException("rules do not compile", errors);
    }
    List<String> unknownCodes = unknownCodes(origin, sources);
    if (!unknownCodes.isEmpty()) {
      throw new RuleSetException("rules give rejection codes Arbiter does not have", unknownCodes);
    }
    this.kieBase = services.newKieContainer(releaseId).getKieBase();
    this.pool = kieBase.newKieSessionsPool(poolSize);
    // A pooled session serves one adjudication, on one thread, at a time: it needs none of the
    // locking of a thread-safe session's propagation queue (JFR: ~4 % of the rules step).
    this.sessionOptions = services.newKieSessionConfiguration();
    sessionOptions.setOption(ThreadSafeOption.NO);
    this.files = List.copyOf(sources.keySet());
  }

  /**
   * Every {@code reject(N, ...)} whose literal N is none of docs/adjudication.md §1's codes, as
   * {@code file:line: message}: a decision can only carry a {@link RejectionCode}, so such a rule is
   * refused when the rules are loaded rather than when a claim first meets it.
   */
  private static List<String> unknownCodes(String origin, Map<String, String> sources) {
    List<String> problems = new java.util.ArrayList<>();
    sources.forEach((name, drl) -> {
      String[] lines = drl.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        java.util.regex.Matcher m = LITERAL_REJECTION.matcher(lines[i]);
        while (m.find()) {
          int code = Integer.parseInt(m.group(1));
          if (!RejectionCode.isCode(code)) {
            problems.add(origin + "/" + name + ":" + (i + 1) + ": rejection code " + code
                + " is not one of docs/adjudication.md §1");
          }
        }
      }
    });
    return problems;
  }

  /**
   * Compiles every {@code *.drl} file of a folder (not recursive).
   *
   * @throws RuleSetException naming file, line and Drools' message for each error
   * @throws UncheckedIOException when the folder cannot be read
   */
  public static RuleSet fromDirectory(Path folder) {
    try (Stream<Path> paths = Files.list(folder)) {
      return new RuleSet(folder.toString(), read(paths));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rules folder " + folder, e);
    }
  }

  /** Compiles the default ruleset shipped on the classpath under {@code rules/}. */
  public static RuleSet fromClasspath() {
    URL marker = RuleSet.class.getClassLoader().getResource(CLASSPATH_FOLDER + "/claim.drl");
    if (marker == null) {
      throw new RuleSetException("default ruleset not on the classpath", List.of());
    }
    try {
      URI uri = marker.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of());
            Stream<Path> paths = Files.list(jar.getPath(CLASSPATH_FOLDER))) {
          return new RuleSet(CLASSPATH_FOLDER, read(paths));
        }
      }
      try (Stream<Path> paths = Files.list(Path.of(uri).getParent())) {
        return new RuleSet(CLASSPATH_FOLDER, read(paths));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the default ruleset", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> read(Stream<Path> paths) throws IOException {
    Map<String, String> sources = new TreeMap<>();
    for (Path p : paths.filter(p -> p.getFileName().toString().endsWith(".drl")).toList()) {
      sources.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
    }
    return sources;
  }

  private static String hash(Map<String, String> sources) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sources.forEach((name, drl) -> {
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(drl.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      });
      return "drl-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sessions the pool keeps ready (one per core); more are made on demand when all are taken. */
  public int sessionPoolSize() {
    return poolSize;
  }

  /** Sessions firing rules right now (a reading for metrics). */
  public int sessionsInUse() {
    return inUse.get();
  }

  /** Version recorded on every decision: "drl-" and 12 hex digits of the sources' SHA-256. */
  @Override
  public String version() {
    return version;
  }

  /** Names of the DRL files, sorted. */
  public List<String> files() {
    return files;
  }

  /** Fires the rules over one claim's facts; the facts carry the verdicts afterwards. */
  @Override
  public void run(Switches switches, ClaimFact claim, List<LineFact> lines, List<CoverageFact> coverages,
      List<WindowFact> windows) {
    KieSession session = pool.newKieSession(sessionOptions);
    inUse.incrementAndGet();
    try {
      session.insert(switches);
      session.insert(claim);
      lines.forEach(session::insert);
      coverages.forEach(session::insert);
      windows.forEach(session::insert);
      session.fireAllRules();
    } finally {
      inUse.decrementAndGet();
      session.dispose();
    }
  }
}
