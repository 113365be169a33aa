package io.arbiter.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.arbiter.scheme.Gender;
import io.arbiter.scheme.PolicyStage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading an import's input without a database: lines, NDJSON and CSV rows, the format's name. */
class ImportParsingTest {
  private static final Set<String> PRODUCTS = Set.of("PRD");

  // ---- lines ----

  @Test
  void lines_crlfAndLfEnds_byteOrderMarkDropped_lastLineWithoutEnd_numbered() throws IOException {
    ImportLines lines = lines(bytes("\uFEFFone\r\ntwo\n\n  \t\nlast"));
    List<String> read = new ArrayList<>();
    while (lines.next()) {
      read.add(lines.number() + ":" + new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8)
          + (lines.blank() ? " (blank)" : ""));
    }
    assertThat(read).containsExactly("1:one", "2:two", "3: (blank)", "4:  \t (blank)", "5:last");
    assertThat(lines.bytesRead()).isEqualTo(bytes("\uFEFFone\r\ntwo\n\n  \t\nlast").length);
  }

  @Test
  void lines_overTheLimit_cutAndFlagged_nextLineIntact() throws IOException {
    byte[] longLine = new byte[ImportLines.MAX_LENGTH * 3];
    java.util.Arrays.fill(longLine, (byte) 'x');
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.write(longLine);
    input.write(bytes("\nnext\n"));
    ImportLines lines = lines(input.toByteArray());

    assertThat(lines.next()).isTrue();
    assertThat(lines.truncated()).isTrue();
    assertThat(lines.length()).isEqualTo(ImportLines.MAX_LENGTH);
    assertThat(lines.next()).isTrue();
    assertThat(lines.truncated()).isFalse();
    assertThat(new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8)).isEqualTo("next");
    assertThat(lines.number()).isEqualTo(2);
    assertThat(lines.next()).isFalse();
  }

  // ---- NDJSON ----

  @Test
  void ndjson_everyRecordType_readWithItsFields() {
    assertThat(ndjson("{\"type\": \"family\", \"id\": \"F1\", \"headChfId\": \"1\", \"validTo\": \"2030-01-01\"}").family)
        .isEqualTo(new io.arbiter.scheme.Family("F1", "1", LocalDate.parse("2030-01-01")));
    assertThat(ndjson("{\"type\": \"insuree\", \"chfId\": \"1\", \"familyId\": \"F1\", \"gender\": \"O\", \"dob\": null}")
        .insuree).isEqualTo(new io.arbiter.scheme.Insuree("1", "F1", Gender.O, null, null));
    ImportRow policy = ndjson("{\"type\": \"policy\", \"id\": \"P\", \"familyId\": \"F1\", \"productCode\": \"PRD\","
        + " \"stage\": \"N\", \"status\": 8, \"enrollDate\": \"2025-12-01\"}");
    assertThat(policy.valid()).isTrue();
    assertThat(policy.policy.stage()).isEqualTo(PolicyStage.N);
    assertThat(policy.policy.status()).isEqualTo(8);
    assertThat(policy.carries(ImportRow.Kind.POLICY)).isTrue();
    assertThat(ndjson("{\"type\": \"membership\", \"chfId\": \"1\", \"policyId\": \"P\", \"effectiveDate\": \"2026-01-01\"}")
        .membership.effectiveDate()).isEqualTo(LocalDate.parse("2026-01-01"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"type\": \"insuree\", \"chfId\": \"1\", \"chfId\": \"2\", \"familyId\": \"F\"}|chfId|appears twice in one object: a key may be given once",
      "{\"type\": \"family\", \"id\": \"F\"} {}| |has data after its end (line 1, column 31): one JSON value is allowed",
      "\"family\"| |must be one JSON object",
      "{\"type\": \"family\", \"id\": {\"x\": 1}}|id|must be a string",
      "{\"type\": \"family\", \"id\": 7}|id|must be a string",
      "{\"type\": \"family\", \"id\": \" F\"}|id|must not begin or end with a space, was ' F'",
      "{\"type\": \"family\", \"id\": \"\"}|id|must not be blank",
      "{\"type\": \"family\", \"id\": \"F\", \"validTo\": \"2026-1-01\"}|validTo|must be a date (YYYY-MM-DD), was '2026-1-01'",
      "{\"type\": \"family\", \"id\": \"F\", \"validTo\": \"+12026-01-01\"}|validTo|must be a date (YYYY-MM-DD), was '+12026-01-01'",
      "{\"type\": 3}|type|must be family, insuree, policy or membership, was 3",
      "{\"id\": \"F\"}|type|is required",
      "{\"type\": \"policy\", \"id\": \"P\", \"familyId\": \"F\", \"productCode\": \"PRD\", \"status\": 2.0}|status|must be an integer",
      "{\"type\": \"policy\", \"id\": \"P\", \"familyId\": \"F\", \"productCode\": \"PRD\", \"status\": 3}|status|must be 1, 2, 4 or 8 (idle, active, suspended, expired), was 3",
      "{\"type\": \"policy\", \"id\": \"P\", \"familyId\": \"F\", \"productCode\": \"PRD\", \"status\": 2, \"stage\": \"X\"}|stage|must be N or R, was 'X'",
      "{\"type\": \"membership\", \"chfId\": \"1\", \"policyId\": \"P\"}|effectiveDate|is required"})
  void ndjson_badLine_oneErrorNamingTheField(String line, String field, String reason) {
    ImportRow row = ndjson(line);
    assertThat(row.errors).extracting(ImportError::line, ImportError::field, ImportError::reason)
        .containsExactly(tuple(1L, field == null ? "" : field, reason));
  }

  @Test
  void ndjson_idLongerThanTheColumn_refused() {
    String id = "F".repeat(ImportFields.MAX_ID_LENGTH + 1);
    assertThat(ndjson("{\"type\": \"family\", \"id\": \"" + id + "\"}").errors).extracting(ImportError::reason)
        .containsExactly("must be at most 64 characters, was 65");
    assertThat(ndjson("{\"type\": \"family\", \"id\": \"" + id.substring(1) + "\"}").valid()).isTrue();
  }

  @Test
  void ndjson_invalidUtf8_refusedAsNotUtf8() {
    byte[] line = bytes("{\"type\": \"family\", \"id\": \"F?\"}");
    line[line.length - 3] = (byte) 0xC3;
    ImportRow row = new ImportNdjson(PRODUCTS).row(first(line));
    assertThat(row.readable).isFalse();
    assertThat(row.errors.get(0).reason()).isEqualTo("is not UTF-8: byte 0xC3 at byte 27 does not begin a valid UTF-8"
        + " sequence");
  }

  // ---- CSV ----

  @Test
  void csv_quotedCells_escapedQuotesAndCommas() {
    assertThat(ImportCsv.cells("a,\"b,c\",\"d\"\"e\",,\"\"")).containsExactly("a", "b,c", "d\"e", "", "");
    assertThat(ImportCsv.cells("")).containsExactly("");
    assertThat(ImportCsv.cells("x,")).containsExactly("x", "");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a,\"b", "a,\"b\"c"})
  void csv_brokenQuoting_refused(String line) {
    assertThatThrownBy(() -> ImportCsv.cells(line)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void csv_rowWithAndWithoutPolicy() {
    ImportCsv csv = ImportCsv.header(first(bytes("chfId,familyId,policyId,productCode,status,effectiveDate,expiryDate")),
        PRODUCTS);
    ImportRow insured = csv.row(second("1,F,P,PRD,2,2026-01-01,2026-12-31"));
    assertThat(insured.valid()).isTrue();
    assertThat(insured.newFamily).isEqualTo(new io.arbiter.scheme.Family("F", "1", null));
    assertThat(insured.policy.familyId()).isEqualTo("F");
    assertThat(insured.membership).isEqualTo(new io.arbiter.scheme.Membership("1", "P",
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31")));
    ImportRow uninsured = csv.row(second("2,F,,,,,"));
    assertThat(uninsured.valid()).isTrue();
    assertThat(uninsured.policy).isNull();
    assertThat(uninsured.carries(ImportRow.Kind.MEMBERSHIP)).isFalse();
    ImportRow badStatus = csv.row(second("3,F,P,PRD,two,2026-01-01,"));
    assertThat(badStatus.errors).extracting(ImportError::field).containsExactly("status");
  }

  @Test
  void csv_rowNotUtf8_refusedAlone() {
    ImportCsv csv = ImportCsv.header(first(bytes("familyId,chfId")), PRODUCTS);
    ImportRow row = csv.row(second(new byte[] {'F', ',', (byte) 0xFF}));
    assertThat(row.readable).isFalse();
    assertThat(row.errors).extracting(ImportError::reason).containsExactly("is not UTF-8");
    assertThat(csv.row(second(bytes("F,é"))).insuree.chfId()).isEqualTo("é");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "familyId|lacks the column chfId",
      "familyId,chfId,chfId|names the column chfId twice",
      "familyId,chfId,policyId,status,effectiveDate|names policyId but lacks the column productCode",
      "familyId,chfId,expiryDate|names the policy column expiryDate but not policyId",
      "familyId,chfId,\"x|has a quoted field that is not closed (a row must be on one line)"})
  void csv_header_refusedWithTheReason(String header, String reason) {
    assertThatThrownBy(() -> ImportCsv.header(first(bytes(header)), PRODUCTS))
        .isInstanceOf(ImportException.class).hasMessage("the CSV header " + reason);
  }

  // ---- format names ----

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "application/x-ndjson|NDJSON", "Application/X-NDJSON; charset=UTF-8|NDJSON", "text/csv|CSV",
      "text/csv;charset=\"utf-8\";header=present|CSV", "text/csv; charset=latin1|null", "application/json|null",
      "null|null"})
  void format_ofMediaType(String contentType, String format) {
    assertThat(ImportFormat.ofMediaType(contentType).map(Enum::name).orElse(null)).isEqualTo(format);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "people.ndjson|NDJSON", "PEOPLE.JSONL|NDJSON", "a.b.csv|CSV", "people.json|null", "csv|null"})
  void format_ofFileName(String name, String format) {
    assertThat(ImportFormat.ofFileName(name).map(Enum::name).orElse(null)).isEqualTo(format);
  }

  // ---- helpers ----

  private static ImportRow ndjson(String line) {
    return new ImportNdjson(PRODUCTS).row(first(bytes(line)));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static ImportLines lines(byte[] input) {
    return new ImportLines(new ByteArrayInputStream(input));
  }

  /** The first line of {@code input}, current. */
  private static ImportLines first(byte[] input) {
    ImportLines lines = lines(input);
    try {
      assertThat(lines.next()).isTrue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /** {@code line} as line 2 (under a header), current. */
  private static ImportLines second(String line) {
    return second(bytes(line));
  }

  private static ImportLines second(byte[] line) {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.writeBytes(bytes("header\n"));
    input.writeBytes(line);
    ImportLines lines = first(input.toByteArray());
    try {
      assertThat(lines.next()).isTrue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
