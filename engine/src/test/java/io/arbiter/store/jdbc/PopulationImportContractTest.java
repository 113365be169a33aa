package io.arbiter.store.jdbc;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import io.arbiter.engine.Problem;
import io.arbiter.engine.TestScheme;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.scheme.Gender;
import io.arbiter.scheme.Population;
import io.arbiter.population.ImportError;
import io.arbiter.population.ImportFormat;
import io.arbiter.population.ImportListener;
import io.arbiter.population.ImportSummary;
import io.arbiter.population.ImportSummary.Counts;
import io.arbiter.store.Store;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Population import into a durable store, run against H2 and PostgreSQL by the subclasses: bad
 * rows are reported by line and field and do not stop the good ones, which adjudication then sees.
 * The store starts with the test scheme (base-scheme.json: product PRD, family F1 with insurees
 * 111–113 on policy POL1).
 */
abstract class PopulationImportContractTest {

  /** A fresh, empty store; each call within one test opens the same database. */
  abstract Store open();

  /** A day within every imported membership. */
  private static final java.time.LocalDate JUNE = java.time.LocalDate.parse("2026-06-01");

  private static final String NDJSON = String.join("\n",
      "{\"type\": \"family\", \"id\": \"F2\", \"headChfId\": \"211\"}",
      "{\"type\": \"insuree\", \"chfId\": \"211\", \"familyId\": \"F2\", \"gender\": \"F\", \"dob\": \"1990-01-01\"}",
      "{\"type\": \"insuree\", \"chfId\": \"212\", \"familyId\": \"F2\", \"gender\": \"M\", \"dob\": \"1990-13-01\"}",
      "{\"type\": \"insuree\", \"chfId\": \"213\", ",
      "",
      "{\"type\": \"insuree\", \"familyId\": \"F2\", \"gender\": \"F\", \"dob\": \"1990-01-01\"}",
      "{\"type\": \"insuree\", \"chfId\": \"214\", \"familyId\": \"F9\", \"gender\": \"F\", \"dob\": \"2000-02-02\"}",
      "{\"type\": \"policy\", \"id\": \"POL2\", \"familyId\": \"F2\", \"productCode\": \"PRD\", \"stage\": \"R\","
          + " \"status\": 2, \"effectiveDate\": \"2026-01-01\", \"expiryDate\": \"2026-12-31\"}",
      "{\"type\": \"policy\", \"id\": \"POL3\", \"familyId\": \"F2\", \"productCode\": \"NOPE\", \"status\": 2}",
      "{\"type\": \"membership\", \"chfId\": \"211\", \"policyId\": \"POL2\", \"effectiveDate\": \"2026-01-01\"}",
      "{\"type\": \"membership\", \"chfId\": \"211\", \"policyId\": \"POL3\", \"effectiveDate\": \"2026-01-01\"}",
      "{\"type\": \"insuree\", \"chfId\": \"216\", \"familyId\": \"F1\", \"gender\": \"M\", \"dob\": \"1970-07-07\"}",
      "{\"type\": \"membership\", \"chfId\": \"216\", \"policyId\": \"POL1\", \"effectiveDate\": \"2026-01-01\"}",
      "{\"type\": \"pet\", \"id\": \"P1\"}",
      "{\"type\": \"insuree\", \"chfId\": \"215\", \"familyId\": \"F2\", \"gender\": \"X\", \"colour\": \"red\"}",
      "{\"type\": \"policy\", \"id\": \"POL4\", \"familyId\": \"F2\", \"productCode\": \"PRD\", \"status\": \"2\"}");

  @Test
  void ndjson_badRowsReportedByLineAndField_goodRowsLandAndAreAdjudicated() {
    try (Store store = open()) {
      Arbiter arbiter = TestScheme.base().arbiter(store);
      assertThatThrownBy(() -> arbiter.claims().submit(claim().insuree("211").item("PARA", "1", "10").build()))
          .as("unknown before the import").isInstanceOfSatisfying(ArbiterException.class,
              e -> assertThat(e.problems()).extracting(Problem::field).containsExactly("/chfId"));

      ImportSummary summary = importText(arbiter, ImportFormat.NDJSON, NDJSON);

      assertThat(summary.errors()).extracting(ImportError::line, ImportError::field).containsExactly(
          tuple(3L, "dob"), tuple(4L, ""), tuple(6L, "chfId"), tuple(7L, "familyId"), tuple(9L, "productCode"),
          tuple(11L, "policyId"), tuple(14L, "type"), tuple(15L, "colour"), tuple(15L, "gender"),
          tuple(16L, "status"));
      assertThat(summary.errors()).extracting(ImportError::reason).containsExactly(
          "must be a date (YYYY-MM-DD), was '1990-13-01'",
          summary.errors().get(1).reason(),
          "is required",
          "family 'F9' does not exist, neither earlier in this import nor in the database",
          "'NOPE' is not a product of the current scheme",
          "policy 'POL3' does not exist, neither earlier in this import nor in the database",
          "must be family, insuree, policy or membership, was 'pet'",
          "is not a field of type insuree",
          "must be M, F or O, was 'X'",
          "must be an integer");
      assertThat(summary.errors().get(1).reason()).startsWith("is not JSON: Unexpected end-of-input");
      assertThat(summary.errorsOmitted()).isZero();
      assertThat(summary.rows()).isEqualTo(new Counts(15, 6, 9));
      assertThat(summary.families()).isEqualTo(new Counts(1, 1, 0));
      assertThat(summary.insurees()).isEqualTo(new Counts(6, 2, 4));
      assertThat(summary.policies()).isEqualTo(new Counts(3, 1, 2));
      assertThat(summary.memberships()).isEqualTo(new Counts(3, 2, 1));

      Population population = store.population(null);
      assertThat(population.family("F2").headChfId()).isEqualTo("211");
      assertThat(population.insuree("212")).as("rejected").isNull();
      assertThat(population.policy("POL2").productCode()).isEqualTo("PRD");
      assertThat(population.memberCount("POL2", JUNE)).isEqualTo(1);
      assertThat(checked(arbiter, "211")).as("an imported insuree is adjudicated").isEqualTo(ClaimStatus.CHECKED);
      assertThat(checked(arbiter, "216")).as("imported into a family and policy of the database")
          .isEqualTo(ClaimStatus.CHECKED);
    }
  }

  @Test
  void csv_badRowsReportedByLineAndColumn_goodRowsLandAndAreAdjudicated() {
    String csv = String.join("\r\n",
        "familyId,chfId,gender,dob,policyId,productCode,stage,status,effectiveDate,expiryDate",
        "F3,311,F,1990-01-01,POL5,PRD,R,2,2026-01-01,2026-12-31",
        "F3,312,M,1992-02-30,POL5,PRD,R,2,2026-01-01,2026-12-31",
        "F3,313,M,1992-02-01,POL5,PRD,R,2,2026-01-01",
        "F3,,M,1992-02-01,POL5,PRD,R,2,2026-01-01,2026-12-31",
        "F3,314,M,1992-02-01,POL6,NOPE,R,2,2026-01-01,2026-12-31",
        "F3,315,X,1992-02-01,POL5,PRD,R,3,2026-01-01,2026-12-31",
        "F1,316,F,2001-01-01,POL1,PRD,R,2,2026-01-01,2026-12-31",
        "\"F3\",\"31\"\"7\",F,1995-05-05,,,,,,",
        "F3,318,F,1995-05-05,,PRD,,,,",
        "F4,411,M,1960-01-01,POL7,PRD,N,2,2026-01-01,2026-12-31",
        "F4,412,F,1962-01-01,POL7,PRD,N,2,2026-01-01,2026-12-31",
        "");
    try (Store store = open()) {
      Arbiter arbiter = TestScheme.base().arbiter(store);

      ImportSummary summary = importText(arbiter, ImportFormat.CSV, csv);

      assertThat(summary.errors()).extracting(ImportError::line, ImportError::field, ImportError::reason)
          .containsExactly(
              tuple(3L, "dob", "must be a date (YYYY-MM-DD), was '1992-02-30'"),
              tuple(4L, "", "has 9 fields, the header 10"),
              tuple(5L, "chfId", "is required"),
              tuple(6L, "productCode", "'NOPE' is not a product of the current scheme"),
              tuple(7L, "gender", "must be M, F or O, was 'X'"),
              tuple(7L, "status", "must be 1, 2, 4 or 8 (idle, active, suspended, expired), was '3'"),
              tuple(10L, "productCode", "must be empty when policyId is"));
      assertThat(summary.rows()).isEqualTo(new Counts(11, 5, 6));
      assertThat(summary.families()).isEqualTo(new Counts(10, 5, 5));
      assertThat(summary.insurees()).isEqualTo(new Counts(10, 5, 5));
      assertThat(summary.policies()).isEqualTo(new Counts(8, 4, 4));
      assertThat(summary.memberships()).isEqualTo(new Counts(8, 4, 4));

      Population population = store.population(null);
      assertThat(population.family("F3").headChfId()).as("the first insuree imported heads a new family")
          .isEqualTo("311");
      assertThat(population.family("F1").headChfId()).as("an existing family keeps its head").isEqualTo("111");
      assertThat(population.insuree("31\"7").gender()).isEqualTo(Gender.F);
      assertThat(population.memberships("31\"7")).as("a row without policy").isEmpty();
      assertThat(population.memberCount("POL7", JUNE)).isEqualTo(2);
      assertThat(population.policy("POL7").familyId()).isEqualTo("F4");
      assertThat(checked(arbiter, "311")).isEqualTo(ClaimStatus.CHECKED);
      assertThat(checked(arbiter, "316")).isEqualTo(ClaimStatus.CHECKED);
    }
  }

  @Test
  void references_spanBatchesButMustComeEarlier() {
    List<String> lines = new ArrayList<>();
    lines.add("{\"type\": \"family\", \"id\": \"FB\"}");
    lines.add(insuree("EARLY", "FL"));
    for (int i = 0; i < 2_500; i++) {
      lines.add(insuree("B" + i, "FB"));
    }
    lines.add("{\"type\": \"family\", \"id\": \"FL\"}");
    lines.add(insuree("LATE", "FL"));
    lines.add("{\"type\": \"membership\", \"chfId\": \"B0\", \"policyId\": \"POL1\", \"effectiveDate\": \"2026-01-01\"}");
    List<Long> progress = new ArrayList<>();
    try (Store store = open()) {
      Arbiter arbiter = TestScheme.base().arbiter(store);

      ImportSummary summary = importText(arbiter, ImportFormat.NDJSON, String.join("\n", lines),
          (bytes, rows, rejected) -> progress.add(rows));

      assertThat(summary.errors()).extracting(ImportError::line, ImportError::field)
          .containsExactly(tuple(2L, "familyId"));
      assertThat(summary.rows()).isEqualTo(new Counts(2_505, 2_504, 1));
      assertThat(progress).as("after each batch, and at the end").containsExactly(2_000L, 2_505L);
      Population population = store.population(null);
      assertThat(population.insuree("B2499").familyId()).isEqualTo("FB");
      assertThat(population.insuree("LATE")).isNotNull();
      assertThat(population.insuree("EARLY")).isNull();
      assertThat(checked(arbiter, "B0")).isEqualTo(ClaimStatus.CHECKED);
    }
  }

  /**
   * Issue 22 §4: a key repeated within one batch ends with its last row, as row-by-row MERGE gave,
   * also where a batch is written with COPY and one MERGE (PostgreSQL, {@link PopulationCopy}).
   */
  @Test
  void keyRepeatedInOneBatch_lastRowStays() {
    try (Store store = open()) {
      Arbiter arbiter = TestScheme.base().arbiter(store);
      ImportSummary summary = importText(arbiter, ImportFormat.NDJSON, String.join("\n",
          "{\"type\": \"family\", \"id\": \"F7\", \"headChfId\": \"711\"}",
          "{\"type\": \"insuree\", \"chfId\": \"711\", \"familyId\": \"F7\", \"gender\": \"F\", \"dob\": \"1990-01-01\"}",
          "{\"type\": \"family\", \"id\": \"F7\", \"headChfId\": \"711\", \"validTo\": \"2030-01-01\"}",
          "{\"type\": \"insuree\", \"chfId\": \"711\", \"familyId\": \"F7\", \"gender\": \"M\", \"dob\": \"1991-02-02\"}",
          "{\"type\": \"membership\", \"chfId\": \"711\", \"policyId\": \"POL1\", \"effectiveDate\": \"2026-01-01\"}",
          "{\"type\": \"membership\", \"chfId\": \"711\", \"policyId\": \"POL1\", \"effectiveDate\": \"2026-02-01\"}"));

      assertThat(summary.rows()).as(summary.errors().toString()).isEqualTo(new Counts(6, 6, 0));
      Population population = store.population(null);
      assertThat(population.insuree("711").gender()).isEqualTo(Gender.M);
      assertThat(population.insuree("711").dob()).isEqualTo(java.time.LocalDate.parse("1991-02-02"));
      assertThat(population.family("F7").validTo()).isEqualTo(java.time.LocalDate.parse("2030-01-01"));
      assertThat(population.memberships("711")).extracting(m -> m.effectiveDate().toString())
          .containsExactly("2026-02-01");
    }
  }

  @Test
  void reimport_replacesRowsWithTheirNewValues() {
    try (Store store = open()) {
      Arbiter arbiter = TestScheme.base().arbiter(store);
      importText(arbiter, ImportFormat.NDJSON, NDJSON);
      ImportSummary again = importText(arbiter, ImportFormat.NDJSON,
          NDJSON.replace("\"chfId\": \"211\", \"familyId\": \"F2\", \"gender\": \"F\"",
              "\"chfId\": \"211\", \"familyId\": \"F2\", \"gender\": \"O\""));

      assertThat(again.rows()).isEqualTo(new Counts(15, 6, 9));
      Population population = store.population(null);
      assertThat(population.insuree("211").gender()).isEqualTo(Gender.O);
      assertThat(population.memberCount("POL2", JUNE)).as("not duplicated").isEqualTo(1);
    }
  }

  @Test
  void unreadableInput_refusedWithNothingImported() {
    try (Store store = open()) {
      Arbiter arbiter = TestScheme.base().arbiter(store);

      assertMalformed(arbiter, ImportFormat.NDJSON, " \n\n", "the input is empty");
      assertMalformed(arbiter, ImportFormat.CSV, "familyId,chfId,shoeSize\nF5,511,44\n",
          "the CSV header names the unknown column 'shoeSize'; the columns are familyId, chfId, gender, dob,"
              + " policyId, productCode, stage, status, enrollDate, startDate, effectiveDate, expiryDate");
      assertMalformed(arbiter, ImportFormat.CSV, "familyId,chfId,productCode\n",
          "the CSV header names the policy column productCode but not policyId");
      ArbiterException garbage = assertMalformed(arbiter, ImportFormat.NDJSON, "<xml/>\n[1, 2]\n",
          "not one line of the input can be read as a JSON object");
      assertThat(garbage.problems()).extracting(Problem::detail).containsExactly(
          garbage.problems().get(0).detail(), "line 2: must be one JSON object");
      assertThat(garbage.problems().get(0).detail()).startsWith("line 1: is not JSON: Unexpected character ('<'");
      assertThat(store.population(null).insuree("511")).isNull();
    }
  }

  @Test
  void headerOnlyCsv_importsNothingWithoutComplaint() {
    try (Store store = open()) {
      ImportSummary summary = importText(TestScheme.base().arbiter(store), ImportFormat.CSV, "\uFEFFfamilyId,chfId\n");
      assertThat(summary.rows()).isEqualTo(new Counts(0, 0, 0));
      assertThat(summary.errors()).isEmpty();
    }
  }

  private static String insuree(String chfId, String familyId) {
    return "{\"type\": \"insuree\", \"chfId\": \"" + chfId + "\", \"familyId\": \"" + familyId
        + "\", \"gender\": \"F\", \"dob\": \"1990-01-01\"}";
  }

  private static ArbiterException assertMalformed(Arbiter arbiter, ImportFormat format, String text, String message) {
    try {
      importText(arbiter, format, text);
    } catch (ArbiterException e) {
      assertThat(e.kind()).isEqualTo(ArbiterException.Kind.MALFORMED);
      assertThat(e.getMessage()).isEqualTo(message);
      return e;
    }
    throw new AssertionError("the input was imported: " + text);
  }

  /** The status of a one-line claim of the insuree on 2026-06-01. */
  private static ClaimStatus checked(Arbiter arbiter, String chfId) {
    return arbiter.claims().submit(claim().insuree(chfId).item("PARA", "1", "10").build()).decision().status();
  }

  static ImportSummary importText(Arbiter arbiter, ImportFormat format, String text) {
    return importText(arbiter, format, text, ImportListener.NONE);
  }

  private static ImportSummary importText(Arbiter arbiter, ImportFormat format, String text, ImportListener listener) {
    try {
      return arbiter.imports().population(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), format,
          listener);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
