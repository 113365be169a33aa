package io.arbiter.bench;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoOptions;
import io.arbiter.demo.DemoScheme;
import io.arbiter.json.Json;
import io.arbiter.scheme.SchemeDocument;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/*
 * Why the demo generators and not the simulator's training file: `arbiter adjudicate --batch` takes
 * claims, not training records, and the simulator's claims are made by the same DemoClaims over the
 * same DemoScheme population; this writes them directly, in file order, without adjudicating them.
 */

/**
 * Writes a claims backlog for the scale run: the demo scheme with {@code INSUREES} insurees (as
 * {@code --scheme} takes it) and {@code CLAIMS} {@link DemoClaims} claims as NDJSON, 1 to 6 lines
 * each (3.5 on average, as the simulator's), for random insurees on random days of 2026, in
 * generation order (not sorted by date). Deterministic for the arguments. Usage:
 * {@code BacklogFile INSUREES CLAIMS SCHEME_FILE CLAIMS_FILE [SEED]}; write under /tmp, never the
 * repository (5 million claims are about 10 GB).
 */
public final class BacklogFile {
  private BacklogFile() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      System.err.println("usage: BacklogFile INSUREES CLAIMS SCHEME_FILE CLAIMS_FILE [SEED]");
      System.exit(2);
    }
    int insurees = Integer.parseInt(args[0]);
    long claims = Long.parseLong(args[1]);
    long seed = args.length > 4 ? Long.parseLong(args[4]) : DemoScheme.DEFAULT_SEED;
    long start = System.nanoTime();
    SchemeDocument scheme = DemoScheme.generate(new DemoOptions().setSeed(seed).setInsurees(insurees));
    Json.mapper().writeValue(Path.of(args[2]).toFile(), scheme);
    DemoClaims generator = new DemoClaims(scheme, seed, "BL");
    SplittableRandom lines = new SplittableRandom(seed + 1);
    ObjectWriter writer = Json.mapper().writer();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[3])), 1 << 16)) {
      for (long i = 0; i < claims; i++) {
        out.write(writer.writeValueAsBytes(generator.next(1 + lines.nextInt(6))));
        out.write('\n');
      }
    }
    System.out.printf("%d insurees, %d claims written in %.1f s%n", insurees, claims, (System.nanoTime() - start) / 1e9);
  }
}
