package io.arbiter.openimis;

import static io.arbiter.openimis.OpenImisRows.date;
import static io.arbiter.openimis.OpenImisRows.localDate;
import static io.arbiter.openimis.OpenImisRows.notHistory;
import static io.arbiter.openimis.OpenImisRows.text;

import com.fasterxml.jackson.core.JsonGenerator;
import io.arbiter.scheme.PolicyStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Streams openIMIS's population (families, insurees, policies, memberships, in that order, so that
 * each row's references come before it) as the NDJSON Arbiter's population import takes; keeps only
 * bit sets of the ids it wrote. Not thread-safe: one run.
 */
final class PopulationReader {

  private final OpenImisRows rows;
  private final MappingReport report;
  private final Map<Integer, String> productCodes;
  private final JsonGenerator g;
  private final Set<String> products;
  private final BitSet families = new BitSet();
  private final BitSet insurees = new BitSet();
  private final BitSet policies = new BitSet();

  /**
   * @param productCodes openIMIS's ProdID to the product code the scheme read
   * @param products the codes of the products loaded into the scheme
   */
  PopulationReader(OpenImisRows rows, MappingReport report, Map<Integer, String> productCodes, JsonGenerator g,
      Set<String> products) {
    this.rows = rows;
    this.report = report;
    this.productCodes = productCodes;
    this.g = g;
    this.products = products;
  }

  void run() throws SQLException {
    families();
    insurees();
    policies();
    memberships();
  }

  private void families() throws SQLException {
    history("tblFamilies", "FamilyID", "family");
    rows.query("SELECT f.\"FamilyID\", f.\"ValidityTo\", i.\"CHFID\" FROM \"tblFamilies\" f LEFT JOIN \"tblInsuree\" i"
        + " ON i.\"InsureeID\" = f.\"InsureeID\" WHERE " + notHistory("f.", "FamilyID") + rows.changed("f."), rs -> {
          report.read("tblFamilies");
          int id = rs.getInt("FamilyID");
          write("family", "id", String.valueOf(id), "headChfId", text(rs, "CHFID"),
              "validTo", date(rs, "ValidityTo"));
          families.set(id);
          report.loaded("tblFamilies");
        });
    report.decisionPerRow("tblFamilies: id is FamilyID; headChfId is the CHFID of InsureeID; poverty, ethnicity,"
        + " address, confirmation and family type not used", "tblFamilies");
  }

  private void insurees() throws SQLException {
    history("tblInsuree", "InsureeID", "insuree");
    long[] noGender = new long[1];
    rows.query("SELECT \"InsureeID\", \"CHFID\", \"FamilyID\", \"Gender\", \"DOB\", \"ValidityTo\" FROM \"tblInsuree\""
        + " WHERE " + notHistory("", "InsureeID") + rows.changed(""), rs -> {
          report.read("tblInsuree");
          int id = rs.getInt("InsureeID");
          String chfId = text(rs, "CHFID");
          int family = rs.getInt("FamilyID");
          if (chfId == null) {
            report.skip("tblInsuree", id, "CHFID is empty");
            return;
          }
          if (!rows.refresh() && !families.get(family)) {
            report.skip("tblInsuree", id, "FamilyID " + family + " names no family loaded");
            return;
          }
          String gender = text(rs, "Gender");
          if (gender != null && !Set.of("M", "F", "O").contains(gender)) {
            noGender[0]++;
            gender = null;
          }
          write("insuree", "chfId", chfId, "familyId", String.valueOf(family), "gender", gender,
              "dob", rs.getDate("DOB") == null ? null : rs.getDate("DOB").toLocalDate(),
              "validTo", date(rs, "ValidityTo"));
          insurees.set(id);
          report.loaded("tblInsuree");
        });
    report.decision("tblInsuree: Gender other than M, F, O loaded as unknown (such an insuree cannot be"
        + " adjudicated)", noGender[0]);
    report.decisionPerRow("tblInsuree: names, photo, card, address, phone, e-mail, education, profession,"
        + " relationship, vulnerability, identity document and HFID not used", "tblInsuree");
  }

  private void policies() throws SQLException {
    history("tblPolicy", "PolicyID", "policy");
    rows.query("SELECT \"PolicyID\", \"FamilyID\", \"ProdID\", \"PolicyStage\", \"PolicyStatus\", \"EnrollDate\","
        + " \"StartDate\", \"EffectiveDate\", \"ExpiryDate\", \"ValidityTo\" FROM \"tblPolicy\""
        + " WHERE " + notHistory("", "PolicyID") + rows.changed(""), rs -> {
          report.read("tblPolicy");
          int id = rs.getInt("PolicyID");
          if (rs.getTimestamp("ValidityTo") != null && !rows.refresh()) {
            report.skip("tblPolicy", id, "deleted (ValidityTo set, no LegacyID)");
            return;
          }
          String product = productCodes.get(rs.getInt("ProdID"));
          int family = rs.getInt("FamilyID");
          String stage = text(rs, "PolicyStage");
          int status = rs.getInt("PolicyStatus");
          String problem = product == null ? "ProdID " + rs.getInt("ProdID") + " names no product"
              : !products.contains(product) ? "product " + product + " was not loaded"
              : !rows.refresh() && !families.get(family) ? "FamilyID " + family + " names no family loaded"
              : stage == null || !Set.of("N", "R").contains(stage) ? "PolicyStage " + stage + " is not N or R"
              : !Set.of(1, 2, 4, 8).contains(status) ? "PolicyStatus " + status + " is not 1, 2, 4 or 8"
              : null;
          if (problem != null) {
            report.skip("tblPolicy", id, problem);
            return;
          }
          write("policy", "id", String.valueOf(id), "familyId", String.valueOf(family), "productCode", product,
              "stage", PolicyStage.valueOf(stage).name(), "status", status, "enrollDate", localDate(rs, "EnrollDate"), "startDate", localDate(rs, "StartDate"),
              "effectiveDate", localDate(rs, "EffectiveDate"), "expiryDate", expiry(rs, "tblPolicy"));
          policies.set(id);
          report.loaded("tblPolicy");
        });
    report.decisionPerRow("tblPolicy: PolicyValue and OfficerID not used", "tblPolicy");
  }

  private void memberships() throws SQLException {
    history("tblInsureePolicy", "InsureePolicyID", "membership");
    rows.query("SELECT ip.\"InsureePolicyID\", ip.\"InsureeID\", ip.\"PolicyId\", ip.\"EffectiveDate\","
        + " ip.\"ExpiryDate\", ip.\"ValidityTo\", i.\"CHFID\" FROM \"tblInsureePolicy\" ip JOIN \"tblInsuree\" i"
        + " ON i.\"InsureeID\" = ip.\"InsureeID\" WHERE " + notHistory("ip.", "InsureePolicyID") + rows.changed("ip."), rs -> {
          report.read("tblInsureePolicy");
          int id = rs.getInt("InsureePolicyID");
          int policy = rs.getInt("PolicyId");
          String problem = rs.getTimestamp("ValidityTo") != null && !rows.refresh()
              ? "deleted (ValidityTo set, no LegacyID)"
              : !rows.refresh() && !insurees.get(rs.getInt("InsureeID")) ? "InsureeID " + rs.getInt("InsureeID") + " names no insuree loaded"
              : !rows.refresh() && !policies.get(policy) ? "PolicyId " + policy + " names no policy loaded"
              : rs.getDate("EffectiveDate") == null ? "EffectiveDate is empty: the membership was never in force"
              : null;
          if (problem != null) {
            report.skip("tblInsureePolicy", id, problem);
            return;
          }
          write("membership", "chfId", text(rs, "CHFID"), "policyId", String.valueOf(policy), "effectiveDate", localDate(rs, "EffectiveDate"), "expiryDate", expiry(rs, "tblInsureePolicy"));
          report.loaded("tblInsureePolicy");
        });
    report.decisionPerRow("tblInsureePolicy: EnrollmentDate and StartDate not used (Arbiter covers from"
        + " EffectiveDate to ExpiryDate)", "tblInsureePolicy");
  }

  /*
   * Why a deletion is skipped in a full import but ends the record in a refresh: a full import
   * starts from nothing, so a policy or membership openIMIS deleted never existed for Arbiter (the
   * claim replay's figures in docs/openimis.md rest on that); a refresh finds the deletion after
   * Arbiter loaded the row, and must stop it covering care from then on. The row is kept, ended,
   * rather than removed: claims decided under it stay explained, and are never adjudicated again.
   */

  /**
   * The ExpiryDate a policy or membership gets: openIMIS's, or for a row deleted since the last run
   * (ValidityTo set; only a refresh reads one) the day of its deletion if that is earlier, as an
   * insuree's or family's validTo is (docs/openimis.md, "Refresh").
   */
  private LocalDate expiry(ResultSet rs, String table) throws SQLException {
    LocalDate expiry = localDate(rs, "ExpiryDate");
    LocalDate deleted = date(rs, "ValidityTo");
    if (deleted == null) {
      return expiry;
    }
    report.decision(table + ": deleted since the last run, ended on the day of its deletion", 1);
    return expiry == null || deleted.isBefore(expiry) ? deleted : expiry;
  }

  /** Counts the history rows of a population table: Arbiter keeps only the current record. */
  private void history(String table, String id, String record) throws SQLException {
    long history = rows.count("SELECT COUNT(*) FROM \"" + table + "\" WHERE NOT " + notHistory("", id));
    report.history(table, history);
    report.decision(table + ": history rows not loaded (Arbiter keeps the current " + record + " only)", history);
  }

  /** Writes one NDJSON line of {@code type}: the named values in order, leaving out the nulls. */
  private void write(String type, Object... namedValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("type", type);
    for (int i = 0; i < namedValues.length; i += 2) {
      Object value = namedValues[i + 1];
      if (value != null) {
        row.put((String) namedValues[i], value instanceof LocalDate d ? d.toString() : value);
      }
    }
    try {
      g.writeObject(row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
