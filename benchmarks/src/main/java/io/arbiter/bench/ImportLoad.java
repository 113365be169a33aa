package io.arbiter.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.population.ImportFormat;
import io.arbiter.population.ImportSummary;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.io.IOException;
import java.io.InputStream;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.util.stream.Stream;

/*
 * Why a plain program rather than a JMH benchmark: an import of a million insurees is one long
 * operation whose figure is its wall time, and each run needs an empty database; JMH's repeated
 * iterations would measure upserts over rows already there.
 */

/**
 * Measures a population import: generates a {@link PopulationFile} in a temporary folder, imports
 * it through {@link io.arbiter.engine.Imports#population} into an empty store (the demo scheme's products),
 * and prints the summary, the wall time, the importing thread's CPU time (the rest is waiting,
 * mostly for the database), and the heap left after a garbage collection before the import (the
 * engine, its rules and the database's cache) and at most during it (an upper bound of what the
 * import adds, as a young collection leaves old garbage in place). The temporary folder, and
 * the H2 database in it, is deleted at the end.
 *
 * <pre>java -Xmx256m -cp benchmarks/target/benchmarks.jar io.arbiter.bench.ImportLoad csv|ndjson INSUREES [JDBC_URL [USER]]</pre>
 *
 * Without a URL the store is an H2 file database in the temporary folder; a PostgreSQL URL should
 * name an empty schema ({@code ?currentSchema=…}).
 */
public final class ImportLoad {
  private ImportLoad() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: ImportLoad csv|ndjson INSUREES [JDBC_URL [USER]]");
      System.exit(2);
    }
    ImportFormat format = ImportFormat.valueOf(args[0].toUpperCase(Locale.ROOT));
    int insurees = Integer.parseInt(args[1]);
    Path dir = Files.createTempDirectory("arbiter-import-");
    try {
      Path file = dir.resolve("population." + args[0].toLowerCase(Locale.ROOT));
      long t0 = System.nanoTime();
      int families = PopulationFile.write(file, format, insurees, 2026L);
      System.out.printf("generated %s: %,d insurees, %,d families and policies, %,d bytes in %.1f s%n", file.getFileName(),
          insurees, families, Files.size(file), (System.nanoTime() - t0) / 1e9);
      String url = args.length > 2 ? args[2] : JdbcStoreOptions.h2File(dir.resolve("arbiter").toString());
      try (JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(url).setUser(args.length > 3 ? args[3] : ""))) {
        Arbiter.Builder builder = Arbiter.builder().rules(RuleSet.fromClasspath()).store(store);
        if (store.latestScheme().isEmpty()) {
          builder.scheme(DemoScheme.generate(DemoScheme.DEFAULT_SEED));
        }
        Arbiter arbiter = builder.build();
        System.gc();
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        AtomicLong liveAfterGc = new AtomicLong();
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
          ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
            if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
              long used = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                  .getGcInfo().getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                  .mapToLong(e -> e.getValue().getUsed()).sum();
              liveAfterGc.accumulateAndGet(used, Math::max);
            }
          }, null, null);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        ImportSummary summary;
        try (InputStream in = Files.newInputStream(file)) {
          summary = arbiter.imports().population(in, format, (bytes, rows, rejected) -> { });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        System.out.println(Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
        System.out.printf("%s into %s: %.1f s (importing thread's CPU %.1f s), %,.0f insurees/s, %,.0f rows/s;"
            + " heap after GC: %,d MiB before the import, at most %,d MiB during it (-Xmx %,d MiB)%n", format,
            url.substring(0, url.indexOf(':', 5)), seconds, cpuSeconds, insurees / seconds,
            summary.rows().read() / seconds, before >> 20, liveAfterGc.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
