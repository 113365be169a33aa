package io.arbiter.openimis;

import static io.arbiter.openimis.OpenImisRows.historyOf;
import static io.arbiter.openimis.OpenImisRows.integer;
import static io.arbiter.openimis.OpenImisRows.localDate;
import static io.arbiter.openimis.OpenImisRows.text;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimService;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads openIMIS's current claims with their current lines (see {@link OpenImisImport#claims}). */
final class ClaimReader {
  private final ImportContext ctx;

  ClaimReader(ImportContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Reads openIMIS's current claims (history and deleted rows left out and counted) with their
   * current lines, after {@link OpenImisImport#run}, and hands each to {@code sink} in ClaimID order. A claim
   * naming an insuree, facility, diagnosis, item or service that was not loaded is reported with its
   * table and id and skipped.
   *
   * @throws SQLException when the database fails
   */
  void claims(Consumer<OpenImisClaim> sink) throws SQLException {
    Map<Integer, String> chfIds = new HashMap<>();
    ctx.tables.query("SELECT \"InsureeID\", \"CHFID\" FROM \"tblInsuree\"", rs -> chfIds.put(rs.getInt(1), text(rs, "CHFID")));
    Map<Integer, List<LineRow>> items = claimLines("tblClaimItems", "ItemID", "ClaimItemStatus", ctx.itemCodes);
    Map<Integer, List<LineRow>> services = claimLines("tblClaimServices", "ServiceID", "ClaimServiceStatus",
        ctx.serviceCodes);
    ctx.tables.query("SELECT * FROM \"tblClaim\" ORDER BY \"ClaimID\"", rs -> {
      ctx.report.read("tblClaim");
      int id = rs.getInt("ClaimID");
      if (historyOf(rs, id) != null) {
        ctx.report.folded("tblClaim", 1);
        return;
      }
      if (rs.getTimestamp("ValidityTo") != null) {
        ctx.report.skip("tblClaim", id, "deleted (ValidityTo set, no LegacyID)");
        return;
      }
      String chfId = chfIds.get(rs.getInt("InsureeID"));
      String facility = ctx.facilityCodes.get(rs.getInt("HFID"));
      List<LineRow> claimItems = items.getOrDefault(id, List.of());
      List<LineRow> claimServices = services.getOrDefault(id, List.of());
      String problem = chfId == null ? "InsureeID " + rs.getInt("InsureeID") + " names no insuree"
          : facility == null ? "HFID " + rs.getInt("HFID") + " names no facility loaded"
          : claimItems.stream().anyMatch(l -> l.code == null) || claimServices.stream().anyMatch(l -> l.code == null)
              ? "a line names an item or service that was not loaded"
          : null;
      if (problem != null) {
        ctx.report.skip("tblClaim", id, problem);
        claimItems.forEach(l -> ctx.report.skip("tblClaimItems", l.id, "its claim " + id + " was skipped"));
        claimServices.forEach(l -> ctx.report.skip("tblClaimServices", l.id, "its claim " + id + " was skipped"));
        return;
      }
      ctx.report.loaded("tblClaimItems", claimItems.size());
      ctx.report.loaded("tblClaimServices", claimServices.size());
      Claim claim = new Claim(text(rs, "ClaimCode"), chfId, facility, localDate(rs, "DateFrom"),
          localDate(rs, "DateTo"), localDate(rs, "DateClaimed"), text(rs, "VisitType"), icd(rs, "ICDID"),
          icd(rs, "ICDID1"), icd(rs, "ICDID2"), icd(rs, "ICDID3"), icd(rs, "ICDID4"),
          claimItems.stream().map(l -> new ClaimItem(l.code, l.qty, l.price)).toList(),
          claimServices.stream().map(l -> new ClaimService(l.code, l.qty, l.price)).toList(), null);
      ctx.report.loaded("tblClaim");
      sink.accept(new OpenImisClaim(id, claim, rs.getInt("ClaimStatus"), rs.getBigDecimal("Approved"),
          rs.getBigDecimal("Valuated"), claimItems.stream().map(LineRow::decision).toList(),
          claimServices.stream().map(LineRow::decision).toList()));
    });
  }

  /** One current claim line as read. */
  private record LineRow(int id, String code, BigDecimal qty, BigDecimal price, int status, int rejectionReason) {
    OpenImisClaim.Line decision() {
      return new OpenImisClaim.Line(code, status, rejectionReason);
    }
  }

  private Map<Integer, List<LineRow>> claimLines(String table, String lineColumn, String statusColumn,
      Map<Integer, String> codes) throws SQLException {
    Map<Integer, List<LineRow>> out = new HashMap<>();
    String id = table.equals("tblClaimItems") ? "ClaimItemID" : "ClaimServiceID";
    ctx.tables.query("SELECT l.* FROM \"" + table + "\" l JOIN \"tblClaim\" c ON c.\"ClaimID\" = l.\"ClaimID\""
        + " WHERE l.\"ValidityTo\" IS NULL AND c.\"ValidityTo\" IS NULL ORDER BY l.\"" + id + "\"", rs -> {
      ctx.report.read(table);
      out.computeIfAbsent(rs.getInt("ClaimID"), k -> new ArrayList<>()).add(new LineRow(rs.getInt(id),
          codes.get(rs.getInt(lineColumn)),
          rs.getBigDecimal("QtyProvided"), rs.getBigDecimal("PriceAsked"), rs.getInt(statusColumn),
          rs.getInt("RejectionReason")));
    });
    return out;
  }

  private String icd(ResultSet rs, String column) throws SQLException {
    Integer id = integer(rs, column);
    return id == null ? null : ctx.icdCodes.get(id);
  }
}
