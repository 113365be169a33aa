package io.arbiter.bench;

import io.arbiter.population.ImportFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/*
 * Why the draws happen in one fixed order from one generator: the file must be byte-identical for a
 * seed and size, so that figures measured on different days import the same rows.
 */

/**
 * Writes a deterministic insured population as an import file: households of 1 to 8 members, each
 * with one policy for 2026 of a demo product (CHF-CO or CHF-FIX), every member a member of it.
 * Identifiers cannot clash with the demo scheme's own population: families {@code HH0000001…},
 * policies {@code PL0000001…}, insurance numbers of ten digits from {@code 1000000001}. NDJSON is
 * grouped by household (family, members, policy, memberships); CSV has one row per insuree with
 * every column.
 */
public final class PopulationFile {
  private static final String[] PRODUCTS = {"CHF-CO", "CHF-FIX"};
  private static final LocalDate YEAR_START = LocalDate.of(2026, 1, 1);
  private static final LocalDate YEAR_END = LocalDate.of(2026, 12, 31);
  private static final LocalDate OLDEST = LocalDate.of(1940, 1, 1);
  private static final int BIRTH_DAYS = (int) (LocalDate.of(2025, 12, 31).toEpochDay() - OLDEST.toEpochDay());

  private PopulationFile() {}

  /** {@code java -cp benchmarks.jar io.arbiter.bench.PopulationFile csv|ndjson INSUREES FILE [SEED]} */
  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: PopulationFile csv|ndjson INSUREES FILE [SEED]");
      System.exit(2);
    }
    ImportFormat format = ImportFormat.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
    write(Path.of(args[2]), format, Integer.parseInt(args[1]), args.length > 3 ? Long.parseLong(args[3]) : 2026L);
  }

  /**
   * Writes exactly {@code insurees} insurees in as many households as it takes.
   *
   * @return the number of families (each with one policy)
   * @throws IOException when the file cannot be written
   */
  public static int write(Path file, ImportFormat format, int insurees, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int families = 0;
    try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
      if (format == ImportFormat.CSV) {
        out.write("familyId,chfId,gender,dob,policyId,productCode,stage,status,enrollDate,startDate,effectiveDate,"
            + "expiryDate\n");
      }
      for (int written = 0; written < insurees; ) {
        int size = Math.min(1 + random.nextInt(8), insurees - written);
        families++;
        Household h = new Household(families, written, size, random);
        if (format == ImportFormat.CSV) {
          h.csv(out);
        } else {
          h.ndjson(out);
        }
        written += size;
      }
    }
    return families;
  }

  /** One family, its members and its policy. */
  private static final class Household {
    final String familyId;
    final String policyId;
    final String[] chfIds;
    final char[] genders;
    final LocalDate[] births;
    final String product;
    final char stage;
    final int status;
    final LocalDate enrolled;

    Household(int number, int firstInsuree, int size, SplittableRandom random) {
      familyId = String.format("HH%07d", number);
      policyId = String.format("PL%07d", number);
      chfIds = new String[size];
      genders = new char[size];
      births = new LocalDate[size];
      for (int i = 0; i < size; i++) {
        chfIds[i] = Long.toString(1_000_000_001L + firstInsuree + i);
        genders[i] = random.nextBoolean() ? 'F' : 'M';
        births[i] = OLDEST.plusDays(random.nextInt(BIRTH_DAYS));
      }
      product = PRODUCTS[random.nextInt(PRODUCTS.length)];
      stage = random.nextInt(5) == 0 ? 'N' : 'R';
      int draw = random.nextInt(20);
      status = draw == 0 ? 1 : draw == 1 ? 8 : 2;
      enrolled = YEAR_START.minusDays(1 + random.nextInt(60));
    }

    void csv(Writer out) throws IOException {
      for (int i = 0; i < chfIds.length; i++) {
        out.write(familyId + ',' + chfIds[i] + ',' + genders[i] + ',' + births[i] + ',' + policyId + ',' + product
            + ',' + stage + ',' + status + ',' + enrolled + ',' + YEAR_START + ',' + YEAR_START + ',' + YEAR_END
            + '\n');
      }
    }

    void ndjson(Writer out) throws IOException {
      out.write("{\"type\":\"family\",\"id\":\"" + familyId + "\",\"headChfId\":\"" + chfIds[0] + "\"}\n");
      for (int i = 0; i < chfIds.length; i++) {
        out.write("{\"type\":\"insuree\",\"chfId\":\"" + chfIds[i] + "\",\"familyId\":\"" + familyId
            + "\",\"gender\":\"" + genders[i] + "\",\"dob\":\"" + births[i] + "\"}\n");
      }
      out.write("{\"type\":\"policy\",\"id\":\"" + policyId + "\",\"familyId\":\"" + familyId + "\",\"productCode\":\""
          + product + "\",\"stage\":\"" + stage + "\",\"status\":" + status + ",\"enrollDate\":\"" + enrolled
          + "\",\"startDate\":\"" + YEAR_START + "\",\"effectiveDate\":\"" + YEAR_START + "\",\"expiryDate\":\""
          + YEAR_END + "\"}\n");
      for (String chfId : chfIds) {
        out.write("{\"type\":\"membership\",\"chfId\":\"" + chfId + "\",\"policyId\":\"" + policyId
            + "\",\"effectiveDate\":\"" + YEAR_START + "\",\"expiryDate\":\"" + YEAR_END + "\"}\n");
      }
    }
  }
}
