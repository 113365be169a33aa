package io.arbiter.openimis;

import static io.arbiter.openimis.OpenImisRows.date;
import static io.arbiter.openimis.OpenImisRows.integer;
import static io.arbiter.openimis.OpenImisRows.text;

import io.arbiter.scheme.Diagnosis;
import io.arbiter.scheme.HealthFacility;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads openIMIS's health facilities (tblHF) and ICD codes (tblICDCodes): one record each, the
 * current row; history rows are counted in the report.
 */
final class ReferenceReader {
  private final ImportContext ctx;

  ReferenceReader(ImportContext ctx) {
    this.ctx = ctx;
  }

  List<HealthFacility> facilities() throws SQLException {
    List<HealthFacility> out = new ArrayList<>();
    long[] history = new long[1];
    Set<String> seen = new TreeSet<>();
    Map<Integer, Integer> owners = new HashMap<>();
    ctx.tables.query("SELECT * FROM \"tblHF\"", rs -> {
      ctx.report.read("tblHF");
      int id = rs.getInt("HfID");
      if (ctx.historyRow(rs, "tblHF", id, owners, history)) {
        return;
      }
      String code = text(rs, "HFCode");
      if (code == null || !seen.add(code)) {
        ctx.report.skip("tblHF", id, code == null ? "HFCode is empty" : "overlapping versions: a second row with"
            + " HFCode " + code + " and no LegacyID");
        return;
      }
      Integer items = integer(rs, "PLItemID");
      Integer services = integer(rs, "PLServiceID");
      ctx.facilityCodes.put(id, code);
      out.add(new HealthFacility(code, text(rs, "HFName"), text(rs, "HFLevel"), ctx.careType(rs, "tblHF", "HFCareType"),
          items == null ? null : ctx.itemLists.get(items), services == null ? null : ctx.serviceLists.get(services),
          null, date(rs, "ValidityTo")));
      ctx.report.loaded("tblHF");
    });
    owners.forEach((id, owner) -> {
      String code = ctx.facilityCodes.get(owner);
      if (code != null) {
        ctx.facilityCodes.put(id, code);
      }
    });
    ctx.report.decision("tblHF: history rows not loaded (Arbiter keeps one record per facility, the current one);"
        + " HFLevel and HFCareType as they are; HFSublevel, LegalForm, LocationId, address, phone, fax, e-mail,"
        + " AccCode not used", history[0]);
    return out;
  }

  List<Diagnosis> diagnoses() throws SQLException {
    List<Diagnosis> out = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    long[] history = new long[1];
    ctx.tables.query("SELECT \"ICDID\", \"ICDCode\", \"ICDName\", \"ValidityTo\" FROM \"tblICDCodes\"", rs -> {
      ctx.report.read("tblICDCodes");
      if (text(rs, "ICDCode") != null) {
        ctx.icdCodes.put(rs.getInt("ICDID"), text(rs, "ICDCode"));
      }
      if (rs.getTimestamp("ValidityTo") != null) {
        history[0]++;
        ctx.report.folded("tblICDCodes", 1);
        return;
      }
      String code = text(rs, "ICDCode");
      if (code == null || !seen.add(code)) {
        ctx.report.skip("tblICDCodes", rs.getInt("ICDID"), code == null ? "ICDCode is empty"
            : "overlapping versions: a second current row with ICDCode " + code);
        return;
      }
      out.add(new Diagnosis(code, text(rs, "ICDName")));
      ctx.report.loaded("tblICDCodes");
    });
    ctx.report.decision("tblICDCodes: only current codes loaded (Arbiter's diagnosis list has no versions)", history[0]);
    return out;
  }
}
