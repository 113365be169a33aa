package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.RejectionCode;
import io.arbiter.scheme.CareType;
import io.arbiter.scheme.Family;
import io.arbiter.scheme.Gender;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Limitation;
import io.arbiter.scheme.MedicalItem;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.Membership;
import io.arbiter.scheme.Policy;
import io.arbiter.scheme.PolicyStage;
import io.arbiter.scheme.PriceList;
import io.arbiter.scheme.PriceListEntry;
import io.arbiter.scheme.PriceOrigin;
import io.arbiter.scheme.Product;
import io.arbiter.scheme.ProductLine;
import io.arbiter.scheme.SchemeDocument;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adjudicates against openIMIS's own public demo registers (items, services with their 2016
 * history versions, ICD list) read from {@code ../shared/data/openimis}; skipped where that folder
 * is absent, as in a user's fresh clone.
 */
class OpenImisRegistersTest {
  private static final Path REGISTERS = Path.of("..", "..", "shared", "data", "openimis", "registers");
  private static Arbiter arbiter;
  private static int duplicateHistory;

  @BeforeAll
  static void loadRegisters() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(REGISTERS),
        "openIMIS demo registers not found at " + REGISTERS.toAbsolutePath() + "; skipping");
    List<MedicalItem> items = rows("items.csv").map(r -> new MedicalItem(r.get("code"), r.get("name"),
        r.get("type"), r.get("package"), new BigDecimal(r.get("price")), CareType.valueOf(r.get("care_type")),
        Integer.parseInt(r.get("frequency")), Integer.parseInt(r.get("patient_category")), null,
        date(r.get("validity_from")), date(r.get("validity_to")))).toList();
    List<MedicalService> allServices = rows("services.csv").map(r -> new MedicalService(r.get("code"), r.get("name"),
        r.get("type"), r.get("level"), r.get("category").isBlank() ? null : r.get("category"), null,
        new BigDecimal(r.get("price")), CareType.valueOf(r.get("care_type")), Integer.parseInt(r.get("frequency")),
        Integer.parseInt(r.get("patient_category")), null, null, date(r.get("validity_from")),
        date(r.get("validity_to"))))
        .toList();
    // openIMIS's demo holds two identical 2016 history rows of R1; versions must not overlap (spec
    // §10), so the import would refuse them (see the test below) and this loader keeps the first.
    Set<String> seen = new java.util.HashSet<>();
    List<MedicalService> services = allServices.stream()
        .filter(s -> seen.add(s.code() + "@" + s.validFrom())).toList();
    duplicateHistory = allServices.size() - services.size();
    List<io.arbiter.scheme.Diagnosis> diagnoses = rows("diagnoses.csv")
        .map(r -> new io.arbiter.scheme.Diagnosis(r.get("code"), r.get("name"))).toList();
    Set<String> itemCodes = new LinkedHashSet<>(items.stream().map(MedicalItem::code).toList());
    Set<String> serviceCodes = new LinkedHashSet<>(services.stream().map(MedicalService::code).toList());
    Product product = new Product("FULL", "Everything", null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, itemCodes.stream().map(OpenImisRegistersTest::fullCover).toList(),
        serviceCodes.stream().map(OpenImisRegistersTest::fullCover).toList());
    SchemeDocument doc = new SchemeDocument("openIMIS demo registers", null, items, services,
        List.of(priceList("PLI", itemCodes), priceList("PLS", serviceCodes)),
        List.of(new HealthFacility("HF1", "Demo hospital", "H", CareType.B, "PLI", "PLS", null, null)),
        List.of(product), diagnoses,
        List.of(new Family("F1", "M01", null)),
        List.of(new Insuree("M01", "F1", Gender.M, LocalDate.parse("1980-01-01"), null),
            new Insuree("F01", "F1", Gender.F, LocalDate.parse("1982-01-01"), null)),
        List.of(new Policy("P1", "F1", "FULL", PolicyStage.R, Policy.STATUS_ACTIVE, null, null,
            LocalDate.parse("2016-01-01"), LocalDate.parse("2030-12-31"))),
        List.of(new Membership("M01", "P1", LocalDate.parse("2016-01-01"), LocalDate.parse("2030-12-31")),
            new Membership("F01", "P1", LocalDate.parse("2016-01-01"), LocalDate.parse("2030-12-31"))), null);
    arbiter = Arbiter.builder().rules(TestScheme.rules()).scheme(doc).build();
  }

  private static ProductLine fullCover(String code) {
    return new ProductLine(code, PriceOrigin.P, Limitation.C, null, null, BigDecimal.valueOf(100), null, null,
        BigDecimal.valueOf(100), null, null, null, null, null, null, null, null, null, null, null);
  }

  private static PriceList priceList(String code, Set<String> codes) {
    return new PriceList(code, code, codes.stream().map(c -> new PriceListEntry(c, null, null, null)).toList());
  }

  @Test
  void serviceMask_followsTheVersionValidAtTheTargetDate() {
    ClaimDecision in2016 = arbiter.claims().submit(claim().code("OI-1").insuree("M01").on("2016-06-01").icd("O34")
        .service("M1", "1", "21000").build()).decision();
    assertThat(in2016.services().get(0).rejectionReason()).as("2016 version: everyone").isEqualTo(RejectionCode.ACCEPTED);
    ClaimDecision in2026 = arbiter.claims().submit(claim().code("OI-2").insuree("M01").on("2026-06-01").icd("O34")
        .service("M1", "1", "21000").build()).decision();
    assertThat(in2026.services().get(0).rejectionReason()).as("current version: women only").isEqualTo(RejectionCode.PATIENT_MASK);
  }

  @Test
  void category_comesFromTheCurrentVersion() {
    ClaimDecision d = arbiter.claims().submit(claim().code("OI-3").insuree("F01").on("2026-06-01").icd("O34")
        .service("M1", "1", "21000").item("0001", "10", "10").build()).decision();
    assertThat(d.category()).isEqualTo("S");
    assertThat(d.services().get(0).priceValuated()).isEqualByComparingTo("21000.00");
    assertThat(d.items().get(0).priceValuated()).isEqualByComparingTo("100.00");
  }

  @Test
  void import_refusesTheDuplicateHistoryRowsOfR1() throws IOException {
    assertThat(duplicateHistory).isEqualTo(1);
    List<MedicalService> r1 = rows("services.csv").filter(r -> r.get("code").equals("R1"))
        .map(r -> new MedicalService("R1", r.get("name"), "C", "D", null, null, BigDecimal.ONE, CareType.B, 0, 15, null, null,
            date(r.get("validity_from")), date(r.get("validity_to")))).toList();
    SchemeDocument doc = new SchemeDocument("r1", null, null, r1, null, null, null, null, null, null, null, null,
        null);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.arbiter.scheme.SchemeSnapshot.of(doc, "v"))
        .hasMessageContaining("/services/2/validFrom: two versions start on 2016-01-01");
  }

  private static LocalDate date(String s) {
    return s == null || s.isBlank() ? null : LocalDate.parse(s);
  }

  /** Rows of a CSV file with a header, quoted fields as RFC 4180 writes them. */
  private static Stream<Map<String, String>> rows(String file) throws IOException {
    List<String> lines = Files.readAllLines(REGISTERS.resolve(file));
    List<String> header = fields(lines.get(0));
    return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> {
      List<String> values = fields(l);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), i < values.size() ? values.get(i) : "");
      }
      return row;
    });
  }

  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    out.add(field.toString());
    return out;
  }
}
