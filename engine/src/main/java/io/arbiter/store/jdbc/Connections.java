package io.arbiter.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/*
 * Why the transaction's own connection, not a second one from the pool: a family's
 * transaction holds a pooled connection while the rules read the population, and a population
 * cache miss used to borrow another. With as many transactions as connections, every one of them
 * waited for a second connection that none would give back, until the pool timed out (30 s). The
 * other cure, loading the family's population before taking the lock, cannot know every row the
 * rules will read (a policy's member count, a voucher, the family) and a cache entry may expire
 * between the prefetch and its use; reading on the connection the thread already holds rules the
 * wait out whatever is read.
 */

/**
 * Hands out database connections so that one unit of work never holds two at once: inside
 * {@link #bound} the calling thread's reads reuse the connection bound to it, elsewhere each read
 * borrows one from the pool for its own duration. Thread-safe.
 */
final class Connections {
  private final DataSource ds;
  private final ThreadLocal<Connection> bound = new ThreadLocal<>();

  Connections(DataSource ds) {
    this.ds = ds;
  }

  /** Runs {@code work} on the thread's bound connection, or on one borrowed for it from the pool. */
  <T> T use(Sql.Work<T> work) throws SQLException {
    Connection c = bound.get();
    if (c != null) {
      return work.run(c);
    }
    try (Connection borrowed = ds.getConnection()) {
      return work.run(borrowed);
    }
  }

  /**
   * Runs {@code work} with {@code c} bound to the calling thread, so that {@link #use} reads through
   * it (and so within its transaction).
   *
   * @throws IllegalStateException when the thread is already bound: a unit of work inside another
   *     would hold two connections
   */
  <T> T bound(Connection c, Supplier<T> work) {
    if (bound.get() != null) {
      throw new IllegalStateException("a family's transaction cannot run inside another's");
    }
    bound.set(c);
    try {
      return work.get();
    } finally {
      bound.remove();
    }
  }
}
