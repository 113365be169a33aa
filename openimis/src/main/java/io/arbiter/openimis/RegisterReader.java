package io.arbiter.openimis;

import static io.arbiter.openimis.OpenImisRows.date;
import static io.arbiter.openimis.OpenImisRows.historyOf;
import static io.arbiter.openimis.OpenImisRows.intOr0;
import static io.arbiter.openimis.OpenImisRows.text;

import io.arbiter.scheme.MedicalItem;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.PriceList;
import io.arbiter.scheme.PriceListEntry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads openIMIS's register (tblItems, tblServices) and price lists (tblPLItems, tblPLServices and
 * their detail tables) as effective-dated versions (see {@link VersionChain}), recording the codes
 * given to each row id in the {@link ImportContext}.
 */
final class RegisterReader {
  private final ImportContext ctx;

  RegisterReader(ImportContext ctx) {
    this.ctx = ctx;
  }

  /** Reads a register table's rows, grouped by code, as version chains. */
  private <T> List<T> register(String table, String idColumn, String codeColumn, String priceColumn,
      Map<Integer, String> codes, ImportContext.RowMapper<T> mapper, ImportContext.Versioned<T> versioned) throws SQLException {
    Map<Integer, Integer> identity = new HashMap<>();
    Map<Integer, List<VersionChain.Row<T>>> byIdentity = new LinkedHashMap<>();
    Map<Integer, String> identityCode = new HashMap<>();
    ctx.tables.query("SELECT * FROM \"" + table + "\"", rs -> {
      ctx.report.read(table);
      int id = rs.getInt(idColumn);
      Integer legacy = historyOf(rs, id);
      int owner = legacy == null ? id : legacy;
      identity.put(id, owner);
      String code = text(rs, codeColumn);
      if (code == null) {
        ctx.report.skip(table, id, codeColumn + " is empty");
        return;
      }
      if (priceColumn != null && rs.getBigDecimal(priceColumn) == null) {
        ctx.report.skip(table, id, priceColumn + " is empty: an entry without a price cannot be valued");
        return;
      }
      if (legacy == null) {
        identityCode.put(owner, code);
      }
      byIdentity.computeIfAbsent(owner, k -> new ArrayList<>())
          .add(new VersionChain.Row<>(id, date(rs, "ValidityFrom"), date(rs, "ValidityTo"), mapper.map(rs)));
    });
    // History rows take their record's current code: openIMIS lets an edit change the code.
    Map<String, List<VersionChain.Row<T>>> byCode = new LinkedHashMap<>();
    long renamed = 0;
    for (Map.Entry<Integer, List<VersionChain.Row<T>>> e : byIdentity.entrySet()) {
      String code = identityCode.get(e.getKey());
      if (code == null) {
        for (VersionChain.Row<T> r : e.getValue()) {
          ctx.report.skip(table, r.id(), "history row whose LegacyID " + e.getKey() + " names no row of " + table);
        }
        continue;
      }
      byCode.computeIfAbsent(code, k -> new ArrayList<>()).addAll(e.getValue());
    }
    identity.forEach((id, owner) -> {
      String code = identityCode.get(owner);
      if (code != null) {
        codes.put(id, code);
      }
    });
    List<T> out = new ArrayList<>();
    long history = 0;
    for (Map.Entry<String, List<VersionChain.Row<T>>> e : byCode.entrySet()) {
      history += ctx.chain(table, e.getValue(), versioned, out);
    }
    ctx.report.decision(table + ": history rows (ValidityTo and LegacyID set) mapped to versions; the oldest version"
        + " of a code is valid since ever", history);
    return out;
  }

  List<MedicalItem> items() throws SQLException {
    ctx.report.decisionPerRow("tblItems: columns ItemUUID, Quantity, AuditUserID, RowID not used", "tblItems");
    return register("tblItems", "ItemID", "ItemCode", "ItemPrice", ctx.itemCodes, rs -> new MedicalItem(
        text(rs, "ItemCode"), text(rs, "ItemName"), text(rs, "ItemType"), text(rs, "ItemPackage"),
        rs.getBigDecimal("ItemPrice"), ctx.careType(rs, "tblItems", "ItemCareType"), intOr0(rs, "ItemFrequency"),
        intOr0(rs, "ItemPatCat"), null, null, null),
        (i, from, to) -> new MedicalItem(i.code(), i.name(), i.type(), i.packageDescription(), i.price(),
            i.careType(), i.frequency(), i.patientCategory(), null, from, to));
  }

  List<MedicalService> services() throws SQLException {
    ctx.report.decisionPerRow("tblServices: columns ServiceUUID, AuditUserID, RowID not used; no package type column:"
        + " every service is simple (S)", "tblServices");
    return register("tblServices", "ServiceID", "ServCode", "ServPrice", ctx.serviceCodes, rs -> new MedicalService(
        text(rs, "ServCode"), text(rs, "ServName"), text(rs, "ServType"), text(rs, "ServLevel"),
        text(rs, "ServCategory"), null, rs.getBigDecimal("ServPrice"),
        ctx.careType(rs, "tblServices", "ServCareType"), intOr0(rs, "ServFrequency"), intOr0(rs, "ServPatCat"), null,
        null, null, null),
        (s, from, to) -> new MedicalService(s.code(), s.name(), s.type(), s.level(), s.category(), null, s.price(),
            s.careType(), s.frequency(), s.patientCategory(), null, null, from, to));
  }

  /**
   * The price lists of items and of services (headers first, then their entries as versions), in
   * that order; call after {@link #items} and {@link #services}.
   */
  List<PriceList> priceLists() throws SQLException {
    List<PriceList> priceLists = new ArrayList<>(priceLists("tblPLItems", "PLItemID", "PLItemName", "PLI", ctx.itemLists));
    priceLists.addAll(priceLists("tblPLServices", "PLServiceID", "PLServName", "PLS", ctx.serviceLists));
    return withEntries(priceLists);
  }

  /** Price-list headers: one list per current row, history rows folded into it. */
  private List<PriceList> priceLists(String table, String idColumn, String nameColumn, String prefix,
      Map<Integer, String> codes) throws SQLException {
    Map<Integer, String> names = new LinkedHashMap<>();
    Map<Integer, Integer> owners = new HashMap<>();
    ctx.tables.query("SELECT * FROM \"" + table + "\"", rs -> {
      ctx.report.read(table);
      int id = rs.getInt(idColumn);
      Integer legacy = historyOf(rs, id);
      owners.put(id, legacy == null ? id : legacy);
      if (legacy == null) {
        names.put(id, text(rs, nameColumn));
        ctx.report.loaded(table);
      }
    });
    long history = 0;
    for (Map.Entry<Integer, Integer> e : owners.entrySet()) {
      if (names.containsKey(e.getValue())) {
        codes.put(e.getKey(), prefix + e.getValue());
        if (!e.getKey().equals(e.getValue())) {
          history++;
          ctx.report.folded(table, 1);
        }
      } else {
        ctx.report.skip(table, e.getKey(), "history row whose LegacyID " + e.getValue() + " names no row of " + table);
      }
    }
    ctx.report.decision(table + ": no code in openIMIS; the list is named " + prefix + "<id of the current row>;"
        + " history rows of the header are folded into it (the entries carry the versions)", history);
    List<PriceList> lists = new ArrayList<>();
    names.forEach((id, name) -> lists.add(new PriceList(prefix + id, name, List.of())));
    return lists;
  }

  /** Adds the entries of tblPLItemsDetail and tblPLServicesDetail to the lists, as versions. */
  private List<PriceList> withEntries(List<PriceList> lists) throws SQLException {
    Map<String, Map<String, List<VersionChain.Row<PriceListEntry>>>> rows = new LinkedHashMap<>();
    detail("tblPLItemsDetail", "PLItemDetailID", "PLItemID", "ItemID", ctx.itemLists, ctx.itemCodes, rows);
    detail("tblPLServicesDetail", "PLServiceDetailID", "PLServiceID", "ServiceID", ctx.serviceLists, ctx.serviceCodes, rows);
    List<PriceList> out = new ArrayList<>();
    for (PriceList list : lists) {
      List<PriceListEntry> entries = new ArrayList<>();
      String table = list.code().startsWith("PLI") ? "tblPLItemsDetail" : "tblPLServicesDetail";
      rows.getOrDefault(list.code(), Map.of()).values().forEach(r -> ctx.chain(table, r,
          (e, from, to) -> new PriceListEntry(e.code(), e.priceOverride(), from, to), entries));
      out.add(new PriceList(list.code(), list.name(), entries));
    }
    for (String table : List.of("tblPLItemsDetail", "tblPLServicesDetail")) {
      ctx.report.decisionPerRow(table + ": PriceOverule mapped to priceOverride (empty: the register price)", table);
    }
    return out;
  }

  private void detail(String table, String idColumn, String listColumn, String lineColumn,
      Map<Integer, String> lists, Map<Integer, String> codes,
      Map<String, Map<String, List<VersionChain.Row<PriceListEntry>>>> rows) throws SQLException {
    ctx.tables.query("SELECT * FROM \"" + table + "\"", rs -> {
      ctx.report.read(table);
      int id = rs.getInt(idColumn);
      String list = lists.get(rs.getInt(listColumn));
      String code = codes.get(rs.getInt(lineColumn));
      if (list == null || code == null) {
        ctx.report.skip(table, id, list == null ? listColumn + " " + rs.getInt(listColumn) + " names no price list"
            : lineColumn + " " + rs.getInt(lineColumn) + " names no register entry with a price");
        return;
      }
      rows.computeIfAbsent(list, k -> new LinkedHashMap<>()).computeIfAbsent(code, k -> new ArrayList<>())
          .add(new VersionChain.Row<>(id, date(rs, "ValidityFrom"), date(rs, "ValidityTo"),
              new PriceListEntry(code, rs.getBigDecimal("PriceOverule"), null, null)));
    });
  }
}
