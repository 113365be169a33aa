package io.arbiter.openimis;

import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Fills openIMIS's own population tables of a database that already holds openIMIS's schema and
 * register (a copy of the demo): {@code families} families of {@code size} insurees each, one
 * active policy of product 4 (BCUL0001) per family, one membership per insuree. Ids start at
 * {@value #FIRST_ID}, clear of the demo's. A test utility for PostgreSQL: it switches off foreign
 * keys for its session ({@code session_replication_role = replica}, superuser only) because
 * openIMIS's families and insurees refer to each other.
 */
final class OpenImisGenerator {
  static final int FIRST_ID = 1_000_000;
  private static final int BATCH = 5_000;

  private OpenImisGenerator() {}

  static void fill(String url, int families, int size) throws SQLException {
    try (Connection c = DriverManager.getConnection(url + "?reWriteBatchedInserts=true", OpenImisDemo.USER, "")) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET session_replication_role = replica");
      }
      Timestamp from = Timestamp.valueOf("2024-01-01 00:00:00");
      Date start = Date.valueOf(LocalDate.of(2025, 1, 1));
      Date end = Date.valueOf(LocalDate.of(2025, 12, 31));
      try (PreparedStatement family = c.prepareStatement("INSERT INTO \"tblFamilies\" (\"FamilyID\", \"FamilyUUID\","
              + " \"ValidityFrom\", \"AuditUserID\", \"InsureeID\") VALUES (?, ?, ?, 1, ?)");
          PreparedStatement insuree = c.prepareStatement("INSERT INTO \"tblInsuree\" (\"InsureeID\", \"AuditUserID\","
              + " \"CHFID\", \"CardIssued\", \"DOB\", \"FamilyID\", \"Gender\", \"InsureeUUID\", \"IsHead\","
              + " \"LastName\", \"OtherNames\", \"ValidityFrom\") VALUES (?, 1, ?, false, ?, ?, ?, ?, ?, 'Gen', 'Erated', ?)");
          PreparedStatement policy = c.prepareStatement("INSERT INTO \"tblPolicy\" (\"PolicyID\", \"PolicyUUID\","
              + " \"PolicyStage\", \"PolicyStatus\", \"EnrollDate\", \"StartDate\", \"EffectiveDate\", \"ExpiryDate\","
              + " \"ValidityFrom\", \"AuditUserID\", \"FamilyID\", \"ProdID\") VALUES (?, ?, 'N', 2, ?, ?, ?, ?, ?, 1, ?, 4)");
          PreparedStatement membership = c.prepareStatement("INSERT INTO \"tblInsureePolicy\" (\"InsureePolicyID\","
              + " \"EffectiveDate\", \"ExpiryDate\", \"ValidityFrom\", \"AuditUserID\", \"InsureeID\", \"PolicyId\")"
              + " VALUES (?, ?, ?, ?, 1, ?, ?)")) {
        for (int f = 0; f < families; f++) {
          int familyId = FIRST_ID + f;
          int head = FIRST_ID + f * size;
          family.setInt(1, familyId);
          family.setString(2, UUID.randomUUID().toString());
          family.setTimestamp(3, from);
          family.setInt(4, head);
          family.addBatch();
          policy.setInt(1, familyId);
          policy.setString(2, UUID.randomUUID().toString());
          policy.setDate(3, start);
          policy.setDate(4, start);
          policy.setDate(5, start);
          policy.setDate(6, end);
          policy.setTimestamp(7, from);
          policy.setInt(8, familyId);
          policy.addBatch();
          for (int m = 0; m < size; m++) {
            int id = head + m;
            insuree.setInt(1, id);
            insuree.setString(2, "G" + id);
            insuree.setDate(3, Date.valueOf(LocalDate.of(1950 + id % 70, 1 + id % 12, 1 + id % 28)));
            insuree.setInt(4, familyId);
            insuree.setString(5, id % 2 == 0 ? "F" : "M");
            insuree.setString(6, UUID.randomUUID().toString());
            insuree.setBoolean(7, m == 0);
            insuree.setTimestamp(8, from);
            insuree.addBatch();
            membership.setInt(1, id);
            membership.setDate(2, start);
            membership.setDate(3, end);
            membership.setTimestamp(4, from);
            membership.setInt(5, id);
            membership.setInt(6, familyId);
            membership.addBatch();
          }
          if ((f + 1) % (BATCH / size) == 0 || f == families - 1) {
            family.executeBatch();
            insuree.executeBatch();
            policy.executeBatch();
            membership.executeBatch();
            c.commit();
          }
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE");
      }
      c.commit();
    }
  }
}
