package io.arbiter.store.jdbc;

import io.arbiter.scheme.Family;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Membership;
import io.arbiter.scheme.Policy;
import io.arbiter.scheme.Voucher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * Adds or replaces population rows inside the caller's transaction: on PostgreSQL with COPY and one
 * upsert per table ({@link PopulationCopy}), elsewhere (H2) with batched standard-SQL MERGE statements.
 */
final class PopulationWriter {
  private static final String FAMILY = "MERGE INTO family t USING (VALUES (CAST(? AS VARCHAR(64)),"
      + " CAST(? AS VARCHAR(64)), CAST(? AS DATE))) AS s(id, head_chf_id, valid_to) ON t.id = s.id"
      + " WHEN MATCHED THEN UPDATE SET head_chf_id = s.head_chf_id, valid_to = s.valid_to"
      + " WHEN NOT MATCHED THEN INSERT (id, head_chf_id, valid_to) VALUES (s.id, s.head_chf_id, s.valid_to)";
  private static final String NEW_FAMILY = "INSERT INTO family (id, head_chf_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
  private static final String INSUREE = "MERGE INTO insuree t USING (VALUES (CAST(? AS VARCHAR(64)),"
      + " CAST(? AS VARCHAR(64)), CAST(? AS CHAR(1)), CAST(? AS DATE), CAST(? AS DATE)))"
      + " AS s(chf_id, family_id, gender, dob, valid_to) ON t.chf_id = s.chf_id"
      + " WHEN MATCHED THEN UPDATE SET family_id = s.family_id, gender = s.gender, dob = s.dob, valid_to = s.valid_to"
      + " WHEN NOT MATCHED THEN INSERT (chf_id, family_id, gender, dob, valid_to)"
      + " VALUES (s.chf_id, s.family_id, s.gender, s.dob, s.valid_to)";
  private static final String POLICY = "MERGE INTO policy t USING (VALUES (CAST(? AS VARCHAR(64)),"
      + " CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)), CAST(? AS CHAR(1)), CAST(? AS INTEGER), CAST(? AS DATE),"
      + " CAST(? AS DATE), CAST(? AS DATE), CAST(? AS DATE))) AS s(id, family_id, product_code, stage, status,"
      + " enroll_date, start_date, effective_date, expiry_date) ON t.id = s.id"
      + " WHEN MATCHED THEN UPDATE SET family_id = s.family_id, product_code = s.product_code, stage = s.stage,"
      + " status = s.status, enroll_date = s.enroll_date, start_date = s.start_date,"
      + " effective_date = s.effective_date, expiry_date = s.expiry_date"
      + " WHEN NOT MATCHED THEN INSERT (id, family_id, product_code, stage, status, enroll_date, start_date,"
      + " effective_date, expiry_date) VALUES (s.id, s.family_id, s.product_code, s.stage, s.status,"
      + " s.enroll_date, s.start_date, s.effective_date, s.expiry_date)";
  private static final String MEMBERSHIP = "MERGE INTO membership t USING (VALUES (CAST(? AS VARCHAR(64)),"
      + " CAST(? AS VARCHAR(64)), CAST(? AS DATE), CAST(? AS DATE))) AS s(chf_id, policy_id, effective_date,"
      + " expiry_date) ON t.chf_id = s.chf_id AND t.policy_id = s.policy_id"
      + " WHEN MATCHED THEN UPDATE SET effective_date = s.effective_date, expiry_date = s.expiry_date"
      + " WHEN NOT MATCHED THEN INSERT (chf_id, policy_id, effective_date, expiry_date)"
      + " VALUES (s.chf_id, s.policy_id, s.effective_date, s.expiry_date)";

  // A Used voucher is attributed for good: a later import never sets it back. A row that would
  // write the status already there matches no clause, so its update count (0) says it changed nothing.
  private static final String VOUCHER = "MERGE INTO voucher t USING (VALUES (CAST(? AS VARCHAR(64)),"
      + " CAST(? AS VARCHAR(8)))) AS s(number, status) ON t.number = s.number"
      + " WHEN MATCHED AND t.status <> 'USED' AND t.status <> s.status THEN UPDATE SET status = s.status"
      + " WHEN NOT MATCHED THEN INSERT (number, status) VALUES (s.number, s.status)";

  // The same tables for PopulationCopy: columns in the order of the MERGE statements' values, key first.
  private static final PopulationCopy.Table FAMILY_TABLE = new PopulationCopy.Table("family",
      List.of("id", "head_chf_id", "valid_to"), 1);
  private static final PopulationCopy.Table INSUREE_TABLE = new PopulationCopy.Table("insuree",
      List.of("chf_id", "family_id", "gender", "dob", "valid_to"), 1);
  private static final PopulationCopy.Table POLICY_TABLE = new PopulationCopy.Table("policy", List.of("id",
      "family_id", "product_code", "stage", "status", "enroll_date", "start_date", "effective_date", "expiry_date"), 1);
  private static final PopulationCopy.Table MEMBERSHIP_TABLE = new PopulationCopy.Table("membership",
      List.of("chf_id", "policy_id", "effective_date", "expiry_date"), 2);

  private PopulationWriter() {}

  /**
   * Adds vouchers or changes their status, in order (a number repeated later in {@code rows} sees
   * the earlier row's write).
   *
   * @return how many rows added a voucher or changed its status
   */
  static long vouchers(Connection c, List<Voucher> rows) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(VOUCHER)) {
      for (Voucher v : rows) {
        Sql.bind(p, v.number(), v.status().name());
        p.addBatch();
      }
      // H2 and PostgreSQL report each MERGE's rows; a driver that cannot (SUCCESS_NO_INFO) is
      // counted as having changed the row rather than as having done nothing.
      return java.util.Arrays.stream(p.executeBatch()).filter(n -> n != 0).count();
    }
  }

  static void families(Connection c, List<Family> rows) throws SQLException {
    write(c, FAMILY, FAMILY_TABLE, rows, f -> new Object[] {f.id(), f.headChfId(), f.validTo()});
  }

  /** Adds the families not there yet, each with its head; an existing family is left as it is. */
  static void newFamilies(Connection c, List<Family> rows) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(NEW_FAMILY)) {
      for (Family f : rows) {
        Sql.bind(p, f.id(), f.headChfId());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  static void insurees(Connection c, List<Insuree> rows) throws SQLException {
    write(c, INSUREE, INSUREE_TABLE, rows,
        i -> new Object[] {i.chfId(), i.familyId(), Sql.code(i.gender()), i.dob(), i.validTo()});
  }

  static void policies(Connection c, List<Policy> rows) throws SQLException {
    write(c, POLICY, POLICY_TABLE, rows, x -> new Object[] {x.id(), x.familyId(), x.productCode(),
        Sql.code(x.stage()), x.status(), x.enrollDate(), x.startDate(), x.effectiveDate(), x.expiryDate()});
  }

  static void memberships(Connection c, List<Membership> rows) throws SQLException {
    write(c, MEMBERSHIP, MEMBERSHIP_TABLE, rows,
        m -> new Object[] {m.chfId(), m.policyId(), m.effectiveDate(), m.expiryDate()});
  }

  /** COPY on PostgreSQL ({@link PopulationCopy}), else {@code merge} batched with each row's values. */
  private static <T> void write(Connection c, String merge, PopulationCopy.Table table, List<T> rows,
      Function<T, Object[]> values) throws SQLException {
    if (PopulationCopy.applies(c)) {
      PopulationCopy.write(c, table, rows.stream().map(values).toList());
      return;
    }
    try (PreparedStatement p = c.prepareStatement(merge)) {
      for (T row : rows) {
        Sql.bind(p, values.apply(row));
        p.addBatch();
      }
      p.executeBatch();
    }
  }
}
