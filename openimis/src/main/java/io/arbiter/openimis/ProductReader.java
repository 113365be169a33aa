package io.arbiter.openimis;

import static io.arbiter.openimis.OpenImisRows.date;
import static io.arbiter.openimis.OpenImisRows.integer;
import static io.arbiter.openimis.OpenImisRows.text;

import io.arbiter.scheme.CeilingExclusion;
import io.arbiter.scheme.CeilingInterpretation;
import io.arbiter.scheme.Limitation;
import io.arbiter.scheme.PriceOrigin;
import io.arbiter.scheme.Product;
import io.arbiter.scheme.ProductLine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads openIMIS's products (tblProduct, one record each) with their item and service lines
 * (tblProductItems, tblProductServices) as effective-dated versions; call after the register.
 */
final class ProductReader {
  private final ImportContext ctx;

  ProductReader(ImportContext ctx) {
    this.ctx = ctx;
  }

  List<Product> products() throws SQLException {
    Map<Integer, Product> current = new LinkedHashMap<>();
    Map<Integer, Integer> owners = new HashMap<>();
    long[] history = new long[1];
    ctx.tables.query("SELECT * FROM \"tblProduct\"", rs -> {
      ctx.report.read("tblProduct");
      int id = rs.getInt("ProdID");
      if (ctx.historyRow(rs, "tblProduct", id, owners, history)) {
        return;
      }
      String code = text(rs, "ProductCode");
      if (code == null) {
        ctx.report.skip("tblProduct", id, "ProductCode is empty");
        return;
      }
      current.put(id, product(rs, code));
    });
    owners.forEach((id, owner) -> {
      Product p = current.get(owner);
      if (p != null) {
        ctx.productCodes.put(id, p.code());
      }
    });
    ctx.report.decision("tblProduct: history rows not loaded as versions (Arbiter keeps one record per product;"
        + " its item and service lines are versioned); validFrom/validTo are DateFrom/DateTo", history[0]);
    ctx.report.decision("tblProduct: premiums, lump sums, grace and insurance periods, discounts, relative-price"
        + " periods, account codes, registration and assembly fees, distribution weights, levels and start"
        + " cycles not used (Arbiter adjudicates claims; it does not enrol or collect contributions)", current.size());
    Map<String, Map<String, List<VersionChain.Row<ProductLine>>>> itemLines = lines("tblProductItems", "ProdItemID",
        "ItemID", ctx.itemCodes);
    Map<String, Map<String, List<VersionChain.Row<ProductLine>>>> serviceLines = lines("tblProductServices",
        "ProdServiceID", "ServiceID", ctx.serviceCodes);
    List<Product> out = new ArrayList<>();
    Set<String> codes = new TreeSet<>();
    for (Map.Entry<Integer, Product> e : current.entrySet()) {
      Product p = e.getValue();
      if (!codes.add(p.code())) {
        ctx.report.skip("tblProduct", e.getKey(), "overlapping versions: a second row with ProductCode " + p.code()
            + " and no LegacyID");
        continue;
      }
      ctx.report.loaded("tblProduct");
      out.add(withLines(p, productLines("tblProductItems", itemLines.get(p.code())),
          productLines("tblProductServices", serviceLines.get(p.code()))));
    }
    return out;
  }

  private List<ProductLine> productLines(String table, Map<String, List<VersionChain.Row<ProductLine>>> byCode) {
    List<ProductLine> out = new ArrayList<>();
    if (byCode != null) {
      byCode.values().forEach(rows -> ctx.chain(table, rows, (l, from, to) -> new ProductLine(l.code(),
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
    ctx.tables.query("SELECT * FROM \"" + table + "\"", rs -> {
      ctx.report.read(table);
      int id = rs.getInt(idColumn);
      String product = ctx.productCodes.get(rs.getInt("ProdID"));
      String code = codes.get(rs.getInt(lineColumn));
      if (product == null || code == null) {
        ctx.report.skip(table, id, product == null ? "ProdID " + rs.getInt("ProdID") + " names no product"
            : lineColumn + " " + rs.getInt(lineColumn) + " names no register entry with a price");
        return;
      }
      ProductLine line = new ProductLine(code, ctx.enumOf(rs, table, "PriceOrigin", PriceOrigin.class),
          ctx.enumOf(rs, table, "LimitationType", Limitation.class), ctx.enumOf(rs, table, "LimitationTypeE", Limitation.class),
          ctx.enumOf(rs, table, "LimitationTypeR", Limitation.class), rs.getBigDecimal("LimitAdult"),
          rs.getBigDecimal("LimitAdultE"), rs.getBigDecimal("LimitAdultR"), rs.getBigDecimal("LimitChild"),
          rs.getBigDecimal("LimitChildE"), rs.getBigDecimal("LimitChildR"), integer(rs, "WaitingPeriodAdult"),
          integer(rs, "WaitingPeriodChild"), integer(rs, "LimitNoAdult"), integer(rs, "LimitNoChild"),
          ctx.enumOf(rs, table, "CeilingExclusionAdult", CeilingExclusion.class),
          ctx.enumOf(rs, table, "CeilingExclusionChild", CeilingExclusion.class), null, null, null);
      out.computeIfAbsent(product, k -> new LinkedHashMap<>()).computeIfAbsent(code, k -> new ArrayList<>())
          .add(new VersionChain.Row<>(id, date(rs, "ValidityFrom"), date(rs, "ValidityTo"), line));
    });
    ctx.report.decisionPerRow(table + ": lines of every version of a product (ProdID of a history row included)"
        + " belong to the product's current code", table);
    return out;
  }

  private Product product(ResultSet rs, String code) throws SQLException {
    return new Product(code, text(rs, "ProductName"), date(rs, "DateFrom"), date(rs, "DateTo"),
        ctx.enumOf(rs, "tblProduct", "CeilingInterpretation", CeilingInterpretation.class),
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
}
