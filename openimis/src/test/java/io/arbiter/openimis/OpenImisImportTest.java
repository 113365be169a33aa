package io.arbiter.openimis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineStatus;
import io.arbiter.claim.RejectionCode;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.Product;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.population.ImportFormat;
import io.arbiter.population.ImportSummary;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 §1: the import of openIMIS's own demo database (loaded from {@code shared/} into a fresh
 * PostgreSQL database per run; skipped with the reason where either is absent).
 */
class OpenImisImportTest {
  @TempDir
  Path dir;

  /** What one run of the import gave: the scheme, the population lines and the report. */
  private record Run(SchemeDocument scheme, List<JsonNode> population, MappingReport report, String ndjson) {
    List<JsonNode> of(String type) {
      return population.stream().filter(n -> n.path("type").asText().equals(type)).toList();
    }
  }

  private static Run run(String url) throws SQLException, IOException {
    StringWriter out = new StringWriter();
    try (Connection c = OpenImisImport.connect(url, OpenImisDemo.USER, null)) {
      OpenImisImport.Result r = new OpenImisImport(c).run("demo", out);
      List<JsonNode> lines = new ArrayList<>();
      for (String line : out.toString().split("\n")) {
        if (!line.isBlank()) {
          lines.add(Json.mapper().readTree(line));
        }
      }
      return new Run(r.scheme(), lines, r.report(), out.toString());
    }
  }

  @Test
  void run_demoDatabase_registerProductsAndPopulationCounted() throws Exception {
    Run run = run(OpenImisDemo.url());

    SchemeDocument s = run.scheme();
    assertThat(s.items()).hasSize(257);
    assertThat(s.services()).as("81 current services, 8 of them with a history version (R1's second"
        + " same-day history row is no version)").hasSize(89);
    assertThat(s.services().stream().map(MedicalService::code).distinct()).hasSize(81);
    assertThat(s.products()).extracting(Product::code)
        .containsExactlyInAnyOrder("BCTA0001", "BCUL0001", "FCTA0001", "FCUL0001");
    assertThat(s.healthFacilities()).hasSize(15);
    assertThat(s.priceLists()).hasSize(12);
    assertThat(s.diagnoses()).hasSize(571);
    assertThat(run.of("family")).hasSize(25);
    assertThat(run.of("insuree")).hasSize(69);
    assertThat(run.of("policy")).hasSize(21);
    assertThat(run.of("membership")).hasSize(60);
    assertThat(SchemeSnapshot.of(s, "v").counts()).isNotNull();

    MappingReport.TableCounts insurees = run.report().getTables().get("tblInsuree");
    assertThat(insurees.getRead()).isEqualTo(144);
    assertThat(insurees.getHistory()).isEqualTo(75);
    assertThat(insurees.getLoaded()).isEqualTo(69);
    run.report().getTables().forEach((table, c) -> assertThat(c.getRead())
        .as(table + ": read = loaded + history + skipped")
        .isEqualTo(c.getLoaded() + c.getHistory() + c.getSkipped()));
    assertThat(run.report().getDecisions()).containsEntry(
        "tblPolicy: history rows not loaded (Arbiter keeps the current policy only)", 45L)
        .as("a column left unused counts every loaded row").containsEntry(
        "tblPolicy: PolicyValue and OfficerID not used", 21L);
  }

  @Test
  void run_demoDatabase_productCeilingsAndLines() throws Exception {
    Product p = product(run(OpenImisDemo.url()), "FCUL0001");

    assertThat(p.name()).isEqualTo("Fixed Cycle Cover Ultha");
    assertThat(p.maxPolicy()).isEqualByComparingTo("300000.00");
    assertThat(p.threshold()).isEqualTo(6);
    assertThat(p.dedInsuree()).as("no deductible in the demo products").isNull();
    assertThat(p.maxInsuree()).isNull();
    assertThat(p.interpretation().name()).isEqualTo("I");
    assertThat(p.validFrom()).isEqualTo(LocalDate.of(2017, 1, 1));
    assertThat(p.validTo()).isEqualTo(LocalDate.of(2030, 12, 31));
    assertThat(p.items()).hasSize(256);
    assertThat(p.services()).hasSize(78);
  }

  @Test
  void run_historyRow_mappedToVersionEndingTheDayBeforeItsSuccessor() throws Exception {
    Run run = run(OpenImisDemo.url());

    List<MedicalService> m1 = run.scheme().services().stream().filter(x -> x.code().equals("M1")).toList();
    assertThat(m1).extracting(MedicalService::validFrom, MedicalService::validTo).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(null, LocalDate.of(2016, 12, 31)),
        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2017, 1, 1), null));
    assertThat(m1).filteredOn(x -> x.validTo() != null).singleElement()
        .extracting(MedicalService::patientCategory).as("history row 58's own mask, not the current row's 14")
        .isEqualTo(15);
    assertThat(run.report().getSkippedRows()).contains(new MappingReport.SkippedRow("tblServices", "66",
        "replaced on the day it started (2016-01-01): never in force for a whole day"));
  }

  @Test
  void run_insuree_familyPolicyAndMemberships() throws Exception {
    Run run = run(OpenImisDemo.url());

    JsonNode insuree = only(run.of("insuree"), n -> n.path("chfId").asText().equals("172000001"));
    assertThat(insuree.path("gender").asText()).isEqualTo("M");
    assertThat(insuree.path("dob").asText()).isEqualTo("1979-05-08");
    String family = insuree.path("familyId").asText();
    JsonNode policy = only(run.of("policy"), n -> n.path("id").asText().equals("37"));
    assertThat(policy.path("familyId").asText()).isEqualTo(family);
    assertThat(policy.path("productCode").asText()).isEqualTo("BCTA0001");
    assertThat(policy.path("stage").asText()).isEqualTo("N");
    assertThat(policy.path("status").asInt()).isEqualTo(8);
    assertThat(policy.path("effectiveDate").asText()).isEqualTo("2018-08-06");
    assertThat(policy.path("expiryDate").asText()).isEqualTo("2019-08-05");
    assertThat(run.of("membership").stream().filter(n -> n.path("chfId").asText().equals("172000001"))
        .map(n -> n.path("policyId").asText() + " " + n.path("effectiveDate").asText() + ".."
            + n.path("expiryDate").asText()))
        .containsExactly("37 2018-12-06..2019-12-05");
  }

  @Test
  void connect_isReadOnly_writeRefusedByTheDatabase() throws Exception {
    String url = OpenImisDemo.url();
    try (Connection c = OpenImisImport.connect(url, OpenImisDemo.USER, null); Statement s = c.createStatement()) {
      assertThat(c.isReadOnly()).isTrue();
      assertThatThrownBy(() -> s.executeUpdate("UPDATE \"tblItems\" SET \"ItemPrice\" = 1"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("read_only_sql_transaction")
              .isEqualTo("25006"));
    }
    try (Connection c = java.sql.DriverManager.getConnection(url, OpenImisDemo.USER, "");
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM \"tblItems\" WHERE \"ItemPrice\" = 1")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void run_notOpenImis_namesEveryMissingTable_nothingWritten() throws Exception {
    String url = OpenImisDemo.empty();
    OpenImisDemo.execute(url, "CREATE TABLE \"tblItems\" (\"ItemID\" integer)");
    StringWriter out = new StringWriter();
    try (Connection c = OpenImisImport.connect(url, OpenImisDemo.USER, null)) {
      assertThatThrownBy(() -> new OpenImisImport(c).run("x", out))
          .isInstanceOfSatisfying(NotOpenImisException.class, e -> assertThat(e.missingTables())
              .containsExactlyElementsOf(OpenImisImport.REQUIRED_TABLES.subList(1, OpenImisImport.REQUIRED_TABLES.size())))
          .hasMessageContaining("missing tables tblServices, tblProduct");
    }
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void run_unusableRows_reportedWithTableAndId_skipped_othersLoaded() throws Exception {
    String url = OpenImisDemo.copy();
    OpenImisDemo.execute(url, String.join(";\n",
        "ALTER TABLE \"tblItems\" ALTER COLUMN \"ItemPrice\" DROP NOT NULL",
        "UPDATE \"tblItems\" SET \"ItemPrice\" = NULL WHERE \"ItemCode\" = '0182'",
        "ALTER TABLE \"tblPolicy\" DROP CONSTRAINT \"tblPolicy_ProdID_70a26314_fk_tblProduct_ProdID\"",
        "UPDATE \"tblPolicy\" SET \"ProdID\" = 999 WHERE \"PolicyID\" = 37",
        // A second current row for service A1 that starts later: the first current row overlaps it.
        "INSERT INTO \"tblServices\" (\"ServiceID\", \"ServiceUUID\", \"ServCode\", \"ServName\", \"ServType\","
            + " \"ServLevel\", \"ServPrice\", \"ServCareType\", \"ServFrequency\", \"ServPatCat\", \"ValidityFrom\","
            + " \"AuditUserID\") SELECT 9001, 'a1-second', \"ServCode\", \"ServName\", \"ServType\", \"ServLevel\","
            + " 500, \"ServCareType\", \"ServFrequency\", \"ServPatCat\", TIMESTAMP '2024-05-01 10:00:00', 1"
            + " FROM \"tblServices\" WHERE \"ServCode\" = 'A1' AND \"ValidityTo\" IS NULL"));
    int a1 = queryInt(url, "SELECT \"ServiceID\" FROM \"tblServices\" WHERE \"ServCode\" = 'A1' AND \"ServiceID\" <> 9001"
        + " AND \"ValidityTo\" IS NULL");
    int item = queryInt(url, "SELECT \"ItemID\" FROM \"tblItems\" WHERE \"ItemCode\" = '0182'");

    Run run = run(url);

    assertThat(run.report().getSkippedRows()).contains(
        new MappingReport.SkippedRow("tblItems", String.valueOf(item),
            "ItemPrice is empty: an entry without a price cannot be valued"),
        new MappingReport.SkippedRow("tblPolicy", "37", "ProdID 999 names no product"),
        new MappingReport.SkippedRow("tblServices", String.valueOf(a1),
            "overlapping versions: current (no ValidityTo) though a row of the same code starts after it, on 2024-05-01"));
    assertThat(run.scheme().items()).hasSize(256).noneMatch(i -> i.code().equals("0182"));
    assertThat(run.scheme().services()).filteredOn(x -> x.code().equals("A1")).singleElement()
        .satisfies(x -> assertThat(x.price()).isEqualByComparingTo("500"));
    assertThat(run.of("policy")).hasSize(20).noneMatch(n -> n.path("id").asText().equals("37"));
    assertThat(run.of("membership")).as("memberships of the skipped policy are skipped too")
        .noneMatch(n -> n.path("policyId").asText().equals("37"));
    assertThat(run.report().getTables().get("tblItems").getSkipped()).isEqualTo(1);
    assertThat(SchemeSnapshot.of(run.scheme(), "v")).as("what is left still loads").isNotNull();
  }

  @Test
  void loaded_intoArbiter_claimFromDemoDataAdjudicatedEndToEnd() throws Exception {
    Run run = run(OpenImisDemo.url());
    try (JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("a").toString())))) {
      Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).store(store).scheme(run.scheme()).build();
      ImportSummary summary = arbiter.imports().population(
          new ByteArrayInputStream(run.ndjson().getBytes(StandardCharsets.UTF_8)), ImportFormat.NDJSON, io.arbiter.population.ImportListener.NONE);
      assertThat(summary.rows().rejected()).as(summary.errors().toString()).isZero();
      assertThat(summary.rows().imported()).isEqualTo(25 + 69 + 21 + 60);

      BigDecimal price = run.scheme().items().stream().filter(i -> i.code().equals("0001")).findFirst().orElseThrow()
          .price();
      // Insuree 172000001 (policy 37, BCTA0001, in force 2018-12-06..2019-08-05) at Tahida's hospital.
      Claim claim = new Claim("OI-E2E-1", "172000001", "VIHOS001", LocalDate.of(2019, 3, 1), LocalDate.of(2019, 3, 1),
          LocalDate.of(2019, 3, 1), "O", "A000", null, null, null, null,
          List.of(new ClaimItem("0001", BigDecimal.ONE, price)), List.of(), null);
      ClaimDecision d;
      try {
        d = arbiter.claims().submit(claim).decision();
      } catch (io.arbiter.engine.ArbiterException e) {
        throw new AssertionError(e.getMessage() + " " + e.problems(), e);
      }

      assertThat(d.status()).as(d.toString()).isEqualTo(ClaimStatus.CHECKED);
      assertThat(d.items()).singleElement().satisfies(l -> {
        assertThat(l.rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
        assertThat(l.status()).as("passed").isEqualTo(LineStatus.PASSED);
      });
      ClaimDecision valued = arbiter.claims().process("OI-E2E-1");
      assertThat(valued.status()).isEqualTo(ClaimStatus.VALUATED);
      assertThat(valued.valuated()).isEqualByComparingTo(price);
      assertThat(valued.items()).singleElement().satisfies(l -> {
        assertThat(l.product()).isEqualTo("BCTA0001");
        assertThat(l.policyId()).isEqualTo("37");
      });
    }
  }

  private static Product product(Run run, String code) {
    return run.scheme().products().stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow();
  }

  private static JsonNode only(List<JsonNode> nodes, java.util.function.Predicate<JsonNode> which) {
    List<JsonNode> found = nodes.stream().filter(which).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static int queryInt(String url, String sql) throws SQLException {
    try (Connection c = java.sql.DriverManager.getConnection(url, OpenImisDemo.USER, "");
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
