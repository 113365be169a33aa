package io.arbiter.openimis;

import static io.arbiter.openimis.OpenImisRows.date;
import static io.arbiter.openimis.OpenImisRows.historyOf;
import static io.arbiter.openimis.OpenImisRows.intOr0;
import static io.arbiter.openimis.OpenImisRows.integer;
import static io.arbiter.openimis.OpenImisRows.localDate;
import static io.arbiter.openimis.OpenImisRows.notHistory;
import static io.arbiter.openimis.OpenImisRows.text;

import com.fasterxml.jackson.core.JsonGenerator;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimService;
import io.arbiter.json.Json;
import io.arbiter.scheme.CareType;
import io.arbiter.scheme.CeilingExclusion;
import io.arbiter.scheme.CeilingInterpretation;
import io.arbiter.scheme.Diagnosis;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.Limitation;
import io.arbiter.scheme.MedicalItem;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.PriceList;
import io.arbiter.scheme.PriceListEntry;
import io.arbiter.scheme.PriceOrigin;
import io.arbiter.scheme.Product;
import io.arbiter.scheme.ProductLine;
import io.arbiter.scheme.SchemeDocument;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/*
 * Why plain JDBC with quoted identifiers and no vendor function: openIMIS runs on PostgreSQL and on
 * SQL Server, and both accept "tblItems"-style quoted names (SQL Server with QUOTED_IDENTIFIER on,
 * its default for JDBC). Dates are converted in Java, never in SQL.
 *
 * Why the register is held in memory and the population is not: the register (items, services,
 * products, price lists, facilities) is a few thousand rows that must be grouped into versions; the
 * population can be millions of rows and is streamed to NDJSON a row at a time, keeping only bit
 * sets of the ids loaded so that a membership can be checked against its insuree and policy.
 */

/**
 * Reads one openIMIS database into Arbiter's scheme document and population (NDJSON, the format
 * {@code arbiter import} and {@code POST /v1/insurees:import} take), with a {@link MappingReport}.
 *
 * <p>History: openIMIS keeps an old row in place with {@code ValidityTo} set and {@code LegacyID}
 * pointing to the current row. Items, services, price-list entries and product lines become
 * effective-dated versions (see {@link VersionChain}); products, facilities, families, insurees,
 * policies and memberships are one record each in Arbiter, so only their current (or deleted) row
 * is mapped and their history rows are counted in the report. A deleted row ({@code ValidityTo}
 * set, no {@code LegacyID}) ends its record's validity.
 *
 * <p>Ids: families and policies keep openIMIS's {@code FamilyID} and {@code PolicyID} (as text),
 * insurees their {@code CHFID}; price lists, which have no code in openIMIS, are named
 * {@code PLI<PLItemID>} and {@code PLS<PLServiceID>} after their current row.
 */
public final class OpenImisImport {
  /** The openIMIS tables the import reads; a database without one of them is not openIMIS. */
  public static final List<String> REQUIRED_TABLES = List.of("tblItems", "tblServices", "tblProduct",
      "tblProductItems", "tblProductServices", "tblPLItems", "tblPLItemsDetail", "tblPLServices",
      "tblPLServicesDetail", "tblHF", "tblICDCodes", "tblFamilies", "tblInsuree", "tblPolicy", "tblInsureePolicy");


  private final Connection c;
  private final OpenImisRows tables;
  private final MappingReport report = new MappingReport();
  /** openIMIS row id (current or history) to the code of its record, per register table. */
  private final Map<Integer, String> itemCodes = new HashMap<>();
  private final Map<Integer, String> serviceCodes = new HashMap<>();
  private final Map<Integer, String> productCodes = new HashMap<>();
  private final Map<Integer, String> itemLists = new HashMap<>();
  private final Map<Integer, String> serviceLists = new HashMap<>();
  private final Map<Integer, String> facilityCodes = new HashMap<>();
  private final Map<Integer, String> icdCodes = new HashMap<>();

  /** The result: the scheme document (without population) and what was done. */
  /**
   * @param watermark the database's clock when the run began: give it as {@code since} to the next
   *     run (a row changed while this one ran is read again, which is harmless: loading is an upsert)
   */
  public record Result(SchemeDocument scheme, MappingReport report, java.time.Instant watermark) {}


  /**
   * Makes {@link #run} an incremental refresh: the scheme is read whole (it is small, and its
   * versions come from openIMIS's history), but only the population rows whose {@code ValidityFrom}
   * or {@code ValidityTo} is after {@code since} are written; their references to rows loaded by
   * earlier runs are left to Arbiter's import to check.
   */
  public OpenImisImport since(java.time.Instant since) {
    tables.since(Timestamp.from(since));
    return this;
  }

  /**
   * @param c a connection opened by {@link #connect} (read-only, auto-commit off so that
   *     PostgreSQL streams result sets through a cursor)
   */
  public OpenImisImport(Connection c) {
    this.c = c;
    this.tables = new OpenImisRows(c);
  }

  /**
   * Opens a read-only connection: {@link Connection#setReadOnly} with auto-commit off, which the
   * PostgreSQL driver turns into {@code BEGIN READ ONLY} for every transaction, so a write fails
   * in the database whatever the importer does.
   *
   * @throws SQLException when the database cannot be reached
   */
  public static Connection connect(String url, String user, String password) throws SQLException {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    Connection c = DriverManager.getConnection(url, p);
    c.setAutoCommit(false);
    c.setReadOnly(true);
    return c;
  }

  /**
   * Checks that the database has openIMIS's tables, then reads the scheme and writes the population
   * to {@code population} (families, insurees, policies, memberships, in that order, so that each
   * row's references come before it).
   *
   * @throws NotOpenImisException naming each missing table; nothing was read or written
   * @throws SQLException when the database fails
   * @throws IOException when writing the population fails
   */
  public Result run(String schemeName, Writer population) throws SQLException, IOException {
    requireTables();
    java.time.Instant watermark;
    try (PreparedStatement s = c.prepareStatement("SELECT CURRENT_TIMESTAMP"); ResultSet rs = s.executeQuery()) {
      rs.next();
      watermark = rs.getTimestamp(1).toInstant();
    }
    List<MedicalItem> items = items();
    List<MedicalService> services = services();
    List<PriceList> priceLists = new ArrayList<>(priceLists("tblPLItems", "PLItemID", "PLItemName", "PLI", itemLists));
    priceLists.addAll(priceLists("tblPLServices", "PLServiceID", "PLServName", "PLS", serviceLists));
    priceLists = withEntries(priceLists);
    List<HealthFacility> facilities = facilities();
    List<Product> products = products();
    List<Diagnosis> diagnoses = diagnoses();
    SchemeDocument scheme = new SchemeDocument(schemeName, null, items, services, priceLists, facilities, products,
        diagnoses, null, null, null, null, null);
    try (JsonGenerator g = Json.mapper().getFactory().createGenerator(population)) {
      g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
      new PopulationReader(tables, report, productCodes, g, Set.copyOf(productCodes.values())).run();
      g.writeRaw('\n');
    }
    return new Result(scheme, report, watermark);
  }

  private void requireTables() throws SQLException {
    Set<String> present = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        present.add(rs.getString("TABLE_NAME"));
      }
    }
    List<String> missing = REQUIRED_TABLES.stream().filter(t -> !present.contains(t)).toList();
    if (!missing.isEmpty()) {
      throw new NotOpenImisException(missing);
    }
  }

  // ---- register -------------------------------------------------------------------------------

  /** Reads a register table's rows, grouped by code, as version chains. */
  private <T> List<T> register(String table, String idColumn, String codeColumn, String priceColumn,
      Map<Integer, String> codes, RowMapper<T> mapper, Versioned<T> versioned) throws SQLException {
    Map<Integer, Integer> identity = new HashMap<>();
    Map<Integer, List<VersionChain.Row<T>>> byIdentity = new LinkedHashMap<>();
    Map<Integer, String> identityCode = new HashMap<>();
    tables.query("SELECT * FROM \"" + table + "\"", rs -> {
      report.read(table);
      int id = rs.getInt(idColumn);
      Integer legacy = historyOf(rs, id);
      int owner = legacy == null ? id : legacy;
      identity.put(id, owner);
      String code = text(rs, codeColumn);
      if (code == null) {
        report.skip(table, id, codeColumn + " is empty");
        return;
      }
      if (priceColumn != null && rs.getBigDecimal(priceColumn) == null) {
        report.skip(table, id, priceColumn + " is empty: an entry without a price cannot be valued");
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
          report.skip(table, r.id(), "history row whose LegacyID " + e.getKey() + " names no row of " + table);
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
      history += chain(table, e.getValue(), versioned, out);
    }
    report.decision(table + ": history rows (ValidityTo and LegacyID set) mapped to versions; the oldest version"
        + " of a code is valid since ever", history);
    return out;
  }

  /** Adds the versions of one code to {@code out}; returns how many history rows became versions. */
  private <T> long chain(String table, List<VersionChain.Row<T>> rows, Versioned<T> versioned, List<T> out) {
    VersionChain.Result<T> chain = VersionChain.of(rows);
    long history = 0;
    for (VersionChain.Version<T> v : chain.versions()) {
      out.add(versioned.with(v.row().value(), v.validFrom(), v.validTo()));
      report.loaded(table);
      if (v.row().to() != null) {
        history++;
      }
    }
    for (VersionChain.Row<T> r : chain.sameDay()) {
      report.skip(table, r.id(), "replaced on the day it started (" + r.from() + "): never in force for a whole day");
    }
    for (VersionChain.Overlap<T> o : chain.overlapping()) {
      report.skip(table, o.row().id(), "overlapping versions: current (no ValidityTo) though a row of the same"
          + " code starts after it, on " + o.laterStart());
    }
    return history;
  }

  private List<MedicalItem> items() throws SQLException {
    report.decisionPerRow("tblItems: columns ItemUUID, Quantity, AuditUserID, RowID not used", "tblItems");
    return register("tblItems", "ItemID", "ItemCode", "ItemPrice", itemCodes, rs -> new MedicalItem(
        text(rs, "ItemCode"), text(rs, "ItemName"), text(rs, "ItemType"), text(rs, "ItemPackage"),
        rs.getBigDecimal("ItemPrice"), careType(rs, "tblItems", "ItemCareType"), intOr0(rs, "ItemFrequency"),
        intOr0(rs, "ItemPatCat"), null, null, null),
        (i, from, to) -> new MedicalItem(i.code(), i.name(), i.type(), i.packageDescription(), i.price(),
            i.careType(), i.frequency(), i.patientCategory(), null, from, to));
  }

  private List<MedicalService> services() throws SQLException {
    report.decisionPerRow("tblServices: columns ServiceUUID, AuditUserID, RowID not used; no package type column:"
        + " every service is simple (S)", "tblServices");
    return register("tblServices", "ServiceID", "ServCode", "ServPrice", serviceCodes, rs -> new MedicalService(
        text(rs, "ServCode"), text(rs, "ServName"), text(rs, "ServType"), text(rs, "ServLevel"),
        text(rs, "ServCategory"), null, rs.getBigDecimal("ServPrice"),
        careType(rs, "tblServices", "ServCareType"), intOr0(rs, "ServFrequency"), intOr0(rs, "ServPatCat"), null,
        null, null, null),
        (s, from, to) -> new MedicalService(s.code(), s.name(), s.type(), s.level(), s.category(), null, s.price(),
            s.careType(), s.frequency(), s.patientCategory(), null, null, from, to));
  }

  /** Price-list headers: one list per current row, history rows folded into it. */
  private List<PriceList> priceLists(String table, String idColumn, String nameColumn, String prefix,
      Map<Integer, String> codes) throws SQLException {
    Map<Integer, String> names = new LinkedHashMap<>();
    Map<Integer, Integer> owners = new HashMap<>();
    tables.query("SELECT * FROM \"" + table + "\"", rs -> {
      report.read(table);
      int id = rs.getInt(idColumn);
      Integer legacy = historyOf(rs, id);
      owners.put(id, legacy == null ? id : legacy);
      if (legacy == null) {
        names.put(id, text(rs, nameColumn));
        report.loaded(table);
      }
    });
    long history = 0;
    for (Map.Entry<Integer, Integer> e : owners.entrySet()) {
      if (names.containsKey(e.getValue())) {
        codes.put(e.getKey(), prefix + e.getValue());
        if (!e.getKey().equals(e.getValue())) {
          history++;
          report.folded(table, 1);
        }
      } else {
        report.skip(table, e.getKey(), "history row whose LegacyID " + e.getValue() + " names no row of " + table);
      }
    }
    report.decision(table + ": no code in openIMIS; the list is named " + prefix + "<id of the current row>;"
        + " history rows of the header are folded into it (the entries carry the versions)", history);
    List<PriceList> lists = new ArrayList<>();
    names.forEach((id, name) -> lists.add(new PriceList(prefix + id, name, List.of())));
    return lists;
  }

  /** Adds the entries of tblPLItemsDetail and tblPLServicesDetail to the lists, as versions. */
  private List<PriceList> withEntries(List<PriceList> lists) throws SQLException {
    Map<String, Map<String, List<VersionChain.Row<PriceListEntry>>>> rows = new LinkedHashMap<>();
    detail("tblPLItemsDetail", "PLItemDetailID", "PLItemID", "ItemID", itemLists, itemCodes, rows);
    detail("tblPLServicesDetail", "PLServiceDetailID", "PLServiceID", "ServiceID", serviceLists, serviceCodes, rows);
    List<PriceList> out = new ArrayList<>();
    for (PriceList list : lists) {
      List<PriceListEntry> entries = new ArrayList<>();
      String table = list.code().startsWith("PLI") ? "tblPLItemsDetail" : "tblPLServicesDetail";
      rows.getOrDefault(list.code(), Map.of()).values().forEach(r -> chain(table, r,
          (e, from, to) -> new PriceListEntry(e.code(), e.priceOverride(), from, to), entries));
      out.add(new PriceList(list.code(), list.name(), entries));
    }
    for (String table : List.of("tblPLItemsDetail", "tblPLServicesDetail")) {
      report.decisionPerRow(table + ": PriceOverule mapped to priceOverride (empty: the register price)", table);
    }
    return out;
  }

  private void detail(String table, String idColumn, String listColumn, String lineColumn,
      Map<Integer, String> lists, Map<Integer, String> codes,
      Map<String, Map<String, List<VersionChain.Row<PriceListEntry>>>> rows) throws SQLException {
    tables.query("SELECT * FROM \"" + table + "\"", rs -> {
      report.read(table);
      int id = rs.getInt(idColumn);
      String list = lists.get(rs.getInt(listColumn));
      String code = codes.get(rs.getInt(lineColumn));
      if (list == null || code == null) {
        report.skip(table, id, list == null ? listColumn + " " + rs.getInt(listColumn) + " names no price list"
            : lineColumn + " " + rs.getInt(lineColumn) + " names no register entry with a price");
        return;
      }
      rows.computeIfAbsent(list, k -> new LinkedHashMap<>()).computeIfAbsent(code, k -> new ArrayList<>())
          .add(new VersionChain.Row<>(id, date(rs, "ValidityFrom"), date(rs, "ValidityTo"),
              new PriceListEntry(code, rs.getBigDecimal("PriceOverule"), null, null)));
    });
  }

  private List<HealthFacility> facilities() throws SQLException {
    List<HealthFacility> out = new ArrayList<>();
    long[] history = new long[1];
    Set<String> seen = new TreeSet<>();
    Map<Integer, Integer> owners = new HashMap<>();
    tables.query("SELECT * FROM \"tblHF\"", rs -> {
      report.read("tblHF");
      int id = rs.getInt("HfID");
      Integer legacy = historyOf(rs, id);
      owners.put(id, legacy == null ? id : legacy);
      if (legacy != null) {
        history[0]++;
        report.folded("tblHF", 1);
        return;
      }
      String code = text(rs, "HFCode");
      if (code == null || !seen.add(code)) {
        report.skip("tblHF", id, code == null ? "HFCode is empty" : "overlapping versions: a second row with"
            + " HFCode " + code + " and no LegacyID");
        return;
      }
      Integer items = integer(rs, "PLItemID");
      Integer services = integer(rs, "PLServiceID");
      facilityCodes.put(id, code);
      out.add(new HealthFacility(code, text(rs, "HFName"), text(rs, "HFLevel"), careType(rs, "tblHF", "HFCareType"),
          items == null ? null : itemLists.get(items), services == null ? null : serviceLists.get(services),
          null, date(rs, "ValidityTo")));
      report.loaded("tblHF");
    });
    owners.forEach((id, owner) -> {
      String code = facilityCodes.get(owner);
      if (code != null) {
        facilityCodes.put(id, code);
      }
    });
    report.decision("tblHF: history rows not loaded (Arbiter keeps one record per facility, the current one);"
        + " HFLevel and HFCareType as they are; HFSublevel, LegalForm, LocationId, address, phone, fax, e-mail,"
        + " AccCode not used", history[0]);
    return out;
  }

  private List<Product> products() throws SQLException {
    Map<Integer, Product> current = new LinkedHashMap<>();
    Map<Integer, Integer> owners = new HashMap<>();
    long[] history = new long[1];
    tables.query("SELECT * FROM \"tblProduct\"", rs -> {
      report.read("tblProduct");
      int id = rs.getInt("ProdID");
      Integer legacy = historyOf(rs, id);
      owners.put(id, legacy == null ? id : legacy);
      if (legacy != null) {
        history[0]++;
        report.folded("tblProduct", 1);
        return;
      }
      String code = text(rs, "ProductCode");
      if (code == null) {
        report.skip("tblProduct", id, "ProductCode is empty");
        return;
      }
      current.put(id, product(rs, code));
    });
    owners.forEach((id, owner) -> {
      Product p = current.get(owner);
      if (p != null) {
        productCodes.put(id, p.code());
      }
    });
    report.decision("tblProduct: history rows not loaded as versions (Arbiter keeps one record per product;"
        + " its item and service lines are versioned); validFrom/validTo are DateFrom/DateTo", history[0]);
    report.decision("tblProduct: premiums, lump sums, grace and insurance periods, discounts, relative-price"
        + " periods, account codes, registration and assembly fees, distribution weights, levels and start"
        + " cycles not used (Arbiter adjudicates claims; it does not enrol or collect contributions)", current.size());
    Map<String, Map<String, List<VersionChain.Row<ProductLine>>>> itemLines = lines("tblProductItems", "ProdItemID",
        "ItemID", itemCodes);
    Map<String, Map<String, List<VersionChain.Row<ProductLine>>>> serviceLines = lines("tblProductServices",
        "ProdServiceID", "ServiceID", serviceCodes);
    List<Product> out = new ArrayList<>();
    Set<String> codes = new TreeSet<>();
    for (Map.Entry<Integer, Product> e : current.entrySet()) {
      Product p = e.getValue();
      if (!codes.add(p.code())) {
        report.skip("tblProduct", e.getKey(), "overlapping versions: a second row with ProductCode " + p.code()
            + " and no LegacyID");
        continue;
      }
      report.loaded("tblProduct");
      out.add(withLines(p, productLines("tblProductItems", itemLines.get(p.code())),
          productLines("tblProductServices", serviceLines.get(p.code()))));
    }
    return out;
  }

  private List<ProductLine> productLines(String table, Map<String, List<VersionChain.Row<ProductLine>>> byCode) {
    List<ProductLine> out = new ArrayList<>();
    if (byCode != null) {
      byCode.values().forEach(rows -> chain(table, rows, (l, from, to) -> new ProductLine(l.code(),
          l.priceOrigin(), l.limitationType(), l.limitationTypeE(), l.limitationTypeR(), l.limitAdult(),
          l.limitAdultE(), l.limitAdultR(), l.limitChild(), l.limitChildE(), l.limitChildR(),
          l.waitingPeriodAdult(), l.waitingPeriodChild(), l.limitNoAdult(), l.limitNoChild(),
          l.ceilingExclusionAdult(), l.ceilingExclusionChild(), null, from, to), out));
    }
    return out;
  }

  /** Product lines by product code and line code, from rows of every version of the product. */
  private Map<String, Map<String, List<VersionChain.Row<ProductLine>>>> lines(String table, String idColumn,
      String lineColumn, Map<Integer, String> codes) throws SQLException {
    Map<String, Map<String, List<VersionChain.Row<ProductLine>>>> out = new HashMap<>();
    tables.query("SELECT * FROM \"" + table + "\"", rs -> {
      report.read(table);
      int id = rs.getInt(idColumn);
      String product = productCodes.get(rs.getInt("ProdID"));
      String code = codes.get(rs.getInt(lineColumn));
      if (product == null || code == null) {
        report.skip(table, id, product == null ? "ProdID " + rs.getInt("ProdID") + " names no product"
            : lineColumn + " " + rs.getInt(lineColumn) + " names no register entry with a price");
        return;
      }
      ProductLine line = new ProductLine(code, enumOf(rs, table, "PriceOrigin", PriceOrigin.class),
          enumOf(rs, table, "LimitationType", Limitation.class), enumOf(rs, table, "LimitationTypeE", Limitation.class),
          enumOf(rs, table, "LimitationTypeR", Limitation.class), rs.getBigDecimal("LimitAdult"),
          rs.getBigDecimal("LimitAdultE"), rs.getBigDecimal("LimitAdultR"), rs.getBigDecimal("LimitChild"),
          rs.getBigDecimal("LimitChildE"), rs.getBigDecimal("LimitChildR"), integer(rs, "WaitingPeriodAdult"),
          integer(rs, "WaitingPeriodChild"), integer(rs, "LimitNoAdult"), integer(rs, "LimitNoChild"),
          enumOf(rs, table, "CeilingExclusionAdult", CeilingExclusion.class),
          enumOf(rs, table, "CeilingExclusionChild", CeilingExclusion.class), null, null, null);
      out.computeIfAbsent(product, k -> new LinkedHashMap<>()).computeIfAbsent(code, k -> new ArrayList<>())
          .add(new VersionChain.Row<>(id, date(rs, "ValidityFrom"), date(rs, "ValidityTo"), line));
    });
    report.decisionPerRow(table + ": lines of every version of a product (ProdID of a history row included)"
        + " belong to the product's current code", table);
    return out;
  }

  private Product product(ResultSet rs, String code) throws SQLException {
    return new Product(code, text(rs, "ProductName"), date(rs, "DateFrom"), date(rs, "DateTo"),
        enumOf(rs, "tblProduct", "CeilingInterpretation", CeilingInterpretation.class),
        rs.getBigDecimal("DedPolicy"), rs.getBigDecimal("DedIPPolicy"), rs.getBigDecimal("DedOPPolicy"),
        rs.getBigDecimal("DedInsuree"), rs.getBigDecimal("DedIPInsuree"), rs.getBigDecimal("DedOPInsuree"),
        rs.getBigDecimal("DedTreatment"), rs.getBigDecimal("DedIPTreatment"), rs.getBigDecimal("DedOPTreatment"),
        rs.getBigDecimal("MaxPolicy"), rs.getBigDecimal("MaxIPPolicy"), rs.getBigDecimal("MaxOPPolicy"),
        rs.getBigDecimal("MaxInsuree"), rs.getBigDecimal("MaxIPInsuree"), rs.getBigDecimal("MaxOPInsuree"),
        rs.getBigDecimal("MaxTreatment"), rs.getBigDecimal("MaxIPTreatment"), rs.getBigDecimal("MaxOPTreatment"),
        integer(rs, "Threshold"), rs.getBigDecimal("MaxPolicyExtraMember"),
        rs.getBigDecimal("MaxPolicyExtraMemberIP"), rs.getBigDecimal("MaxPolicyExtraMemberOP"),
        rs.getBigDecimal("MaxCeilingPolicy"), rs.getBigDecimal("MaxCeilingPolicyIP"),
        rs.getBigDecimal("MaxCeilingPolicyOP"), integer(rs, "MaxNoConsultation"), integer(rs, "MaxNoSurgery"),
        integer(rs, "MaxNoDelivery"), integer(rs, "MaxNoHospitalizaion"), integer(rs, "MaxNoVisits"),
        integer(rs, "MaxNoAntenatal"), rs.getBigDecimal("MaxAmountConsultation"),
        rs.getBigDecimal("MaxAmountSurgery"), rs.getBigDecimal("MaxAmountDelivery"),
        rs.getBigDecimal("MaxAmountHospitalization"), rs.getBigDecimal("MaxAmountAntenatal"), null, null, null);
  }

  private static Product withLines(Product p, List<ProductLine> items, List<ProductLine> services) {
    return new Product(p.code(), p.name(), p.validFrom(), p.validTo(), p.ceilingInterpretation(), p.dedPolicy(),
        p.dedIPPolicy(), p.dedOPPolicy(), p.dedInsuree(), p.dedIPInsuree(), p.dedOPInsuree(), p.dedTreatment(),
        p.dedIPTreatment(), p.dedOPTreatment(), p.maxPolicy(), p.maxIPPolicy(), p.maxOPPolicy(), p.maxInsuree(),
        p.maxIPInsuree(), p.maxOPInsuree(), p.maxTreatment(), p.maxIPTreatment(), p.maxOPTreatment(), p.threshold(),
        p.maxPolicyExtraMember(), p.maxPolicyExtraMemberIP(), p.maxPolicyExtraMemberOP(), p.maxCeilingPolicy(),
        p.maxCeilingPolicyIP(), p.maxCeilingPolicyOP(), p.maxNoConsultation(), p.maxNoSurgery(), p.maxNoDelivery(),
        p.maxNoHospitalization(), p.maxNoVisits(), p.maxNoAntenatal(), p.maxAmountConsultation(),
        p.maxAmountSurgery(), p.maxAmountDelivery(), p.maxAmountHospitalization(), p.maxAmountAntenatal(),
        p.voucher(), items, services);
  }

  private List<Diagnosis> diagnoses() throws SQLException {
    List<Diagnosis> out = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    long[] history = new long[1];
    tables.query("SELECT \"ICDID\", \"ICDCode\", \"ICDName\", \"ValidityTo\" FROM \"tblICDCodes\"", rs -> {
      report.read("tblICDCodes");
      if (text(rs, "ICDCode") != null) {
        icdCodes.put(rs.getInt("ICDID"), text(rs, "ICDCode"));
      }
      if (rs.getTimestamp("ValidityTo") != null) {
        history[0]++;
        report.folded("tblICDCodes", 1);
        return;
      }
      String code = text(rs, "ICDCode");
      if (code == null || !seen.add(code)) {
        report.skip("tblICDCodes", rs.getInt("ICDID"), code == null ? "ICDCode is empty"
            : "overlapping versions: a second current row with ICDCode " + code);
        return;
      }
      out.add(new Diagnosis(code, text(rs, "ICDName")));
      report.loaded("tblICDCodes");
    });
    report.decision("tblICDCodes: only current codes loaded (Arbiter's diagnosis list has no versions)", history[0]);
    return out;
  }

  // ---- claims ---------------------------------------------------------------------------------

  /**
   * Reads openIMIS's current claims (history and deleted rows left out and counted) with their
   * current lines, after {@link #run}, and hands each to {@code sink} in ClaimID order. A claim
   * naming an insuree, facility, diagnosis, item or service that was not loaded is reported with its
   * table and id and skipped.
   *
   * @throws SQLException when the database fails
   */
  public void claims(java.util.function.Consumer<OpenImisClaim> sink) throws SQLException {
    Map<Integer, String> chfIds = new HashMap<>();
    tables.query("SELECT \"InsureeID\", \"CHFID\" FROM \"tblInsuree\"", rs -> chfIds.put(rs.getInt(1), text(rs, "CHFID")));
    Map<Integer, List<LineRow>> items = claimLines("tblClaimItems", "ItemID", "ClaimItemStatus", itemCodes);
    Map<Integer, List<LineRow>> services = claimLines("tblClaimServices", "ServiceID", "ClaimServiceStatus",
        serviceCodes);
    tables.query("SELECT * FROM \"tblClaim\" ORDER BY \"ClaimID\"", rs -> {
      report.read("tblClaim");
      int id = rs.getInt("ClaimID");
      if (historyOf(rs, id) != null) {
        report.folded("tblClaim", 1);
        return;
      }
      if (rs.getTimestamp("ValidityTo") != null) {
        report.skip("tblClaim", id, "deleted (ValidityTo set, no LegacyID)");
        return;
      }
      String chfId = chfIds.get(rs.getInt("InsureeID"));
      String facility = facilityCodes.get(rs.getInt("HFID"));
      List<LineRow> claimItems = items.getOrDefault(id, List.of());
      List<LineRow> claimServices = services.getOrDefault(id, List.of());
      String problem = chfId == null ? "InsureeID " + rs.getInt("InsureeID") + " names no insuree"
          : facility == null ? "HFID " + rs.getInt("HFID") + " names no facility loaded"
          : claimItems.stream().anyMatch(l -> l.code == null) || claimServices.stream().anyMatch(l -> l.code == null)
              ? "a line names an item or service that was not loaded"
          : null;
      if (problem != null) {
        report.skip("tblClaim", id, problem);
        claimItems.forEach(l -> report.skip("tblClaimItems", l.id, "its claim " + id + " was skipped"));
        claimServices.forEach(l -> report.skip("tblClaimServices", l.id, "its claim " + id + " was skipped"));
        return;
      }
      report.loaded("tblClaimItems", claimItems.size());
      report.loaded("tblClaimServices", claimServices.size());
      Claim claim = new Claim(text(rs, "ClaimCode"), chfId, facility, localDate(rs, "DateFrom"),
          localDate(rs, "DateTo"), localDate(rs, "DateClaimed"), text(rs, "VisitType"), icd(rs, "ICDID"),
          icd(rs, "ICDID1"), icd(rs, "ICDID2"), icd(rs, "ICDID3"), icd(rs, "ICDID4"),
          claimItems.stream().map(l -> new ClaimItem(l.code, l.qty, l.price)).toList(),
          claimServices.stream().map(l -> new ClaimService(l.code, l.qty, l.price)).toList(), null);
      report.loaded("tblClaim");
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
    tables.query("SELECT l.* FROM \"" + table + "\" l JOIN \"tblClaim\" c ON c.\"ClaimID\" = l.\"ClaimID\""
        + " WHERE l.\"ValidityTo\" IS NULL AND c.\"ValidityTo\" IS NULL ORDER BY l.\"" + id + "\"", rs -> {
      report.read(table);
      out.computeIfAbsent(rs.getInt("ClaimID"), k -> new ArrayList<>()).add(new LineRow(rs.getInt(id),
          codes.get(rs.getInt(lineColumn)),
          rs.getBigDecimal("QtyProvided"), rs.getBigDecimal("PriceAsked"), rs.getInt(statusColumn),
          rs.getInt("RejectionReason")));
    });
    return out;
  }

  private String icd(ResultSet rs, String column) throws SQLException {
    Integer id = integer(rs, column);
    return id == null ? null : icdCodes.get(id);
  }

  // ---- JDBC helpers ---------------------------------------------------------------------------

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  private interface Versioned<T> {
    T with(T value, LocalDate validFrom, LocalDate validTo);
  }

  private CareType careType(ResultSet rs, String table, String column) throws SQLException {
    return enumOf(rs, table, column, CareType.class);
  }

  /** An openIMIS code as Arbiter's enum; a code with no equivalent is reported and read as unset. */
  private <E extends Enum<E>> E enumOf(ResultSet rs, String table, String column, Class<E> type) throws SQLException {
    String s = text(rs, column);
    if (s == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, s);
    } catch (IllegalArgumentException e) {
      report.decision(table + ": " + column + " '" + s + "' has no Arbiter equivalent: read as unset", 1);
      return null;
    }
  }
}
