package io.arbiter.store.jdbc;

import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.store.SavedScheme;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import javax.sql.DataSource;

/** The store's scheme versions (table scheme_version) and the population a scheme carries. Thread-safe. */
final class JdbcSchemes {
  private final DataSource ds;

  JdbcSchemes(DataSource ds) {
    this.ds = ds;
  }

  /** Keeps the registers as a new version unless the latest has the same one; upserts the population. */
  void saveScheme(SchemeDocument document, SchemeSnapshot scheme) {
    SchemeDocument registers = new SchemeDocument(document.name(), document.settings(), document.items(),
        document.services(), document.priceLists(), document.healthFacilities(), document.products(),
        document.diagnoses(), null, null, null, null, null);
    Sql.withConnection(ds, c -> Sql.inTransaction(c, tx -> {
      if (!latestScheme(tx).map(s -> s.version().equals(scheme.version())).orElse(false)) {
        Sql.update(tx, "INSERT INTO scheme_version (version, loaded_at, document) VALUES (?, ?, ?)",
            scheme.version(), Timestamp.from(scheme.loadedAt()), Sql.json(registers));
      }
      PopulationWriter.families(tx, document.families());
      PopulationWriter.insurees(tx, document.insurees());
      PopulationWriter.policies(tx, document.policies());
      PopulationWriter.memberships(tx, document.memberships());
      PopulationWriter.vouchers(tx, document.vouchers());
      return null;
    }));
  }

  Optional<SavedScheme> latestScheme() {
    return Sql.withConnection(ds, JdbcSchemes::latestScheme);
  }

  private static Optional<SavedScheme> latestScheme(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT version, loaded_at, document FROM scheme_version ORDER BY id DESC LIMIT 1");
        ResultSet r = p.executeQuery()) {
      return r.next()
          ? Optional.of(new SavedScheme(r.getString(1), r.getTimestamp(2).toInstant(),
              Sql.parse(r.getString(3), SchemeDocument.class)))
          : Optional.empty();
    }
  }
}
