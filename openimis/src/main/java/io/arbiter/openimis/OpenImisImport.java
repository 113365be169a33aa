package io.arbiter.openimis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.arbiter.json.Json;
import io.arbiter.scheme.Diagnosis;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.MedicalItem;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.PriceList;
import io.arbiter.scheme.Product;
import io.arbiter.scheme.SchemeDocument;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

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
  private final ImportContext context;

  /**
   * The result: the scheme document (without population) and what was done.
   *
   * @param watermark the database's clock when the run began: give it as {@code since} to the next
   *     run (a row changed while this one ran is read again, which is harmless: loading is an upsert)
   */
  public record Result(SchemeDocument scheme, MappingReport report, Instant watermark) {}

  /**
   * Makes {@link #run} an incremental refresh: the scheme is read whole (it is small, and its
   * versions come from openIMIS's history), but only the population rows whose {@code ValidityFrom}
   * or {@code ValidityTo} is after {@code since} are written; their references to rows loaded by
   * earlier runs are left to Arbiter's import to check.
   */
  public OpenImisImport since(Instant since) {
    context.tables.since(Timestamp.from(since));
    return this;
  }

  /**
   * @param c a connection opened by {@link #connect} (read-only, auto-commit off so that
   *     PostgreSQL streams result sets through a cursor)
   */
  public OpenImisImport(Connection c) {
    this.c = c;
    this.context = new ImportContext(new OpenImisRows(c));
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
    Instant watermark;
    try (PreparedStatement s = c.prepareStatement("SELECT CURRENT_TIMESTAMP"); ResultSet rs = s.executeQuery()) {
      rs.next();
      watermark = rs.getTimestamp(1).toInstant();
    }
    RegisterReader register = new RegisterReader(context);
    List<MedicalItem> items = register.items();
    List<MedicalService> services = register.services();
    List<PriceList> priceLists = register.priceLists();
    ReferenceReader reference = new ReferenceReader(context);
    List<HealthFacility> facilities = reference.facilities();
    List<Product> products = new ProductReader(context).products();
    List<Diagnosis> diagnoses = reference.diagnoses();
    SchemeDocument scheme = new SchemeDocument(schemeName, null, items, services, priceLists, facilities, products,
        diagnoses, null, null, null, null, null);
    try (JsonGenerator g = Json.mapper().getFactory().createGenerator(population)) {
      g.setRootValueSeparator(new SerializedString("\n"));
      new PopulationReader(context.tables, context.report, context.productCodes, g,
          Set.copyOf(context.productCodes.values())).run();
      g.writeRaw('\n');
    }
    return new Result(scheme, context.report, watermark);
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

  /**
   * Reads openIMIS's current claims (history and deleted rows left out and counted) with their
   * current lines, after {@link #run}, and hands each to {@code sink} in ClaimID order. A claim
   * naming an insuree, facility, diagnosis, item or service that was not loaded is reported with its
   * table and id and skipped.
   *
   * @throws SQLException when the database fails
   */
  public void claims(Consumer<OpenImisClaim> sink) throws SQLException {
    new ClaimReader(context).claims(sink);
  }
}
