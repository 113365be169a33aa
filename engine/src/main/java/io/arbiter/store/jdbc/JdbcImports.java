package io.arbiter.store.jdbc;

import io.arbiter.population.ImportFormat;
import io.arbiter.population.ImportListener;
import io.arbiter.population.ImportSummary;
import io.arbiter.population.PopulationBatch;
import io.arbiter.population.PopulationImport;
import io.arbiter.population.PopulationTarget;
import io.arbiter.population.VoucherImport;
import io.arbiter.population.VoucherImportSummary;
import io.arbiter.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The store's population and voucher imports: the parsing of io.arbiter.population, written here.
 * Population imports run one at a time. Thread-safe.
 */
final class JdbcImports {
  private final DataSource ds;
  private final JdbcPopulation population;
  private final ReentrantLock importing = new ReentrantLock();

  JdbcImports(DataSource ds, JdbcPopulation population) {
    this.ds = ds;
    this.population = population;
  }

  /** One connection, its auto-commit off while the import runs: one transaction per batch. */
  ImportSummary importPopulation(InputStream in, ImportFormat format, Set<String> products,
      ImportListener listener) throws IOException {
    importing.lock();
    try (Connection c = ds.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        return new PopulationImport(format, products, listener).run(in, new Target(c));
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new StoreException("the import failed: " + e.getMessage(), e);
    } finally {
      // Even a failed import may have committed batches; an insuree cached as unknown must be read again.
      population.invalidate();
      importing.unlock();
    }
  }

  VoucherImportSummary importVouchers(Reader csv, Pattern numberFormat) throws IOException {
    VoucherImport read = new VoucherImport(numberFormat).read(csv);
    long changed = Sql.withConnection(ds, c -> Sql.inTransaction(c, tx -> PopulationWriter.vouchers(tx,
        read.vouchers())));
    population.invalidate();
    return read.summary(changed);
  }

  /** An import's lookups and writes on its connection; each batch's lookups and write are one transaction. */
  private static final class Target implements PopulationTarget<SQLException> {
    private final Connection c;

    Target(Connection c) {
      this.c = c;
    }

    @Override
    public Set<String> families(Set<String> ids) throws SQLException {
      return query("SELECT id FROM family WHERE id = ANY(?)", ids);
    }

    @Override
    public Set<String> insurees(Set<String> chfIds) throws SQLException {
      return query("SELECT chf_id FROM insuree WHERE chf_id = ANY(?)", chfIds);
    }

    @Override
    public Set<String> policies(Set<String> ids) throws SQLException {
      return query("SELECT id FROM policy WHERE id = ANY(?)", ids);
    }

    private Set<String> query(String sql, Set<String> keys) throws SQLException {
      Set<String> found = new HashSet<>();
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setArray(1, c.createArrayOf("VARCHAR", keys.toArray()));
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            found.add(r.getString(1));
          }
        }
      }
      return found;
    }

    @Override
    public void write(PopulationBatch batch) throws SQLException {
      Sql.inTransaction(c, tx -> {
        if (!batch.families().isEmpty()) {
          PopulationWriter.families(tx, batch.families());
        }
        if (!batch.newFamilies().isEmpty()) {
          PopulationWriter.newFamilies(tx, batch.newFamilies());
        }
        if (!batch.insurees().isEmpty()) {
          PopulationWriter.insurees(tx, batch.insurees());
        }
        if (!batch.policies().isEmpty()) {
          PopulationWriter.policies(tx, batch.policies());
        }
        if (!batch.memberships().isEmpty()) {
          PopulationWriter.memberships(tx, batch.memberships());
        }
        return null;
      });
    }
  }
}
