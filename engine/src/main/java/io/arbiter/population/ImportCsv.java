package io.arbiter.population;

import io.arbiter.scheme.Family;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Membership;
import io.arbiter.scheme.Policy;
import io.arbiter.population.ImportRow.Kind;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads CSV rows: a header naming the columns (any order), then one row per insuree and policy.
 * A row adds the family if it does not exist yet (headed by this insuree), adds or replaces the
 * insuree and, when it names a policy, the policy and the insuree's membership of it, effective and
 * expiring with the policy. Cells follow RFC 4180 quoting, but a row must be on one line; an empty
 * cell is an absent value.
 */
final class ImportCsv implements ImportParser {
  /** Every column, in the order the documentation lists them. */
  static final List<String> COLUMNS = List.of("familyId", "chfId", "gender", "dob", "policyId", "productCode",
      "stage", "status", "enrollDate", "startDate", "effectiveDate", "expiryDate");
  private static final List<String> REQUIRED = List.of("familyId", "chfId");
  /** The columns that describe the policy: present only with policyId, set only when it is. */
  private static final List<String> POLICY = COLUMNS.subList(COLUMNS.indexOf("productCode"), COLUMNS.size());
  private static final List<String> POLICY_REQUIRED = List.of("productCode", "status", "effectiveDate");

  private final String[] header;
  private final Set<String> products;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();

  private ImportCsv(String[] header, Set<String> products) {
    this.header = header;
    this.products = products;
  }

  /**
   * The parser of the rows under the header on the current line.
   *
   * @param products the product codes a policy may name
   * @throws ImportException when the header is not one this parser reads
   */
  static ImportCsv header(ImportLines line, Set<String> products) {
    String text = line.truncated() ? null : decode(line, StandardCharsets.UTF_8.newDecoder());
    String[] header;
    try {
      header = text == null ? null : cells(text);
    } catch (IllegalArgumentException e) {
      throw headerProblem(line, e.getMessage());
    }
    if (header == null) {
      throw headerProblem(line, line.truncated() ? "is longer than " + ImportLines.MAX_LENGTH + " bytes" : "is not UTF-8");
    }
    Set<String> seen = new HashSet<>();
    for (String column : header) {
      if (!COLUMNS.contains(column)) {
        throw headerProblem(line, "names the unknown column " + ImportFields.quoted(column) + "; the columns are "
            + String.join(", ", COLUMNS));
      }
      if (!seen.add(column)) {
        throw headerProblem(line, "names the column " + column + " twice");
      }
    }
    for (String column : REQUIRED) {
      if (!seen.contains(column)) {
        throw headerProblem(line, "lacks the column " + column);
      }
    }
    for (String column : POLICY) {
      if (seen.contains(column) && !seen.contains("policyId")) {
        throw headerProblem(line, "names the policy column " + column + " but not policyId");
      }
    }
    if (seen.contains("policyId")) {
      for (String column : POLICY_REQUIRED) {
        if (!seen.contains(column)) {
          throw headerProblem(line, "names policyId but lacks the column " + column);
        }
      }
    }
    return new ImportCsv(header, products);
  }

  private static ImportException headerProblem(ImportLines line, String reason) {
    return new ImportException("the CSV header " + reason, List.of(new ImportError(line.number(), "", reason)));
  }

  @Override
  public ImportRow row(ImportLines line) {
    ImportRow row = new ImportRow(line.number());
    if (line.truncated()) {
      row.error("", "is longer than " + ImportLines.MAX_LENGTH + " bytes");
      return row;
    }
    String text = decode(line, decoder);
    if (text == null) {
      row.error("", "is not UTF-8");
      return row;
    }
    String[] cells;
    try {
      cells = cells(text);
    } catch (IllegalArgumentException e) {
      row.error("", e.getMessage());
      return row;
    }
    if (cells.length != header.length) {
      row.error("", "has " + cells.length + " fields, the header " + header.length);
      return row;
    }
    row.readable = true;
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < cells.length; i++) {
      if (!cells[i].isEmpty()) {
        values.put(header[i], cells[i]);
      }
    }
    ImportFields f = new ImportFields(row.line, values, true);
    String familyId = f.id("familyId", true);
    String chfId = f.id("chfId", true);
    row.kinds = Kind.FAMILY.bit() | Kind.INSUREE.bit();
    row.newFamily = new Family(familyId, chfId, null);
    row.insuree = new Insuree(chfId, familyId, f.gender("gender"), f.date("dob", false), null);
    if (f.has("policyId")) {
      row.kinds |= Kind.POLICY.bit() | Kind.MEMBERSHIP.bit();
      String policyId = f.id("policyId", true);
      LocalDate effective = f.date("effectiveDate", true);
      LocalDate expiry = f.date("expiryDate", false);
      row.policy = new Policy(policyId, familyId, f.product("productCode", products), f.stage("stage"),
          f.status("status"), f.date("enrollDate", false), f.date("startDate", false), effective, expiry);
      row.membership = new Membership(chfId, policyId, effective, expiry);
    } else {
      for (String column : POLICY) {
        if (f.has(column)) {
          f.error(column, "must be empty when policyId is");
        }
      }
    }
    row.errors = f.errors();
    return row;
  }

  /** The line as text; null when it is not UTF-8. */
  private static String decode(ImportLines line, CharsetDecoder decoder) {
    byte[] bytes = line.bytes();
    int length = line.length();
    for (int i = 0; i < length; i++) {
      if (bytes[i] < 0) {
        try {
          return decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
          return null;
        }
      }
    }
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }

  /**
   * The cells of one line.
   *
   * @throws IllegalArgumentException saying how the quoting is broken
   */
  static String[] cells(String line) {
    List<String> cells = new ArrayList<>(COLUMNS.size());
    int i = 0;
    int n = line.length();
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        StringBuilder cell = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("has a quoted field that is not closed (a row must be on one line)");
          }
          char c = line.charAt(i++);
          if (c != '"') {
            cell.append(c);
          } else if (i < n && line.charAt(i) == '"') {
            cell.append('"');
            i++;
          } else {
            break;
          }
        }
        cells.add(cell.toString());
        if (i == n) {
          break;
        }
        if (line.charAt(i) != ',') {
          throw new IllegalArgumentException("has text after the closing quote of field " + cells.size());
        }
        i++;
      } else {
        int comma = line.indexOf(',', i);
        if (comma < 0) {
          cells.add(line.substring(i));
          break;
        }
        cells.add(line.substring(i, comma));
        i = comma + 1;
      }
    }
    return cells.toArray(new String[0]);
  }
}
