package io.arbiter.store.jdbc;

import io.arbiter.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/*
 * Why one committer thread (issue 18 §1): a commit on the default H2 file store is one sync of the
 * file, and with a transaction per claim the service spent most of its CPU around those commits.
 * Units of work that finish while a group is being committed queue up and go together in the next
 * transaction, so the number of syncs follows the disk, not the claims, with no timer to tune: one
 * claim alone is committed at once. The committer has a connection of its own (its own pool of
 * one), because the units waiting for it still hold theirs, each keeping its family locked (on
 * PostgreSQL its advisory lock lives in that transaction) until its writes are durable; so a unit
 * still never holds two connections (docs/operating.md) and the committer never waits for the pool.
 */

/**
 * Commits the writes of family units of work ({@link UnitWrites}) in groups: one transaction and
 * one commit for whatever units are ready together. {@link #commit} returns once the unit's group
 * is durable; when the group fails every unit of it gets the failure and nothing of the group is
 * stored. Also reserves the codes of new claims, so that two units never insert one code into the
 * same group. Thread-safe.
 */
final class GroupCommitter implements AutoCloseable {
  /** Most units in one group; more wait for the next one. */
  static final int MAX_GROUP = 256;
  private static final long RESERVATION_WAIT_SECONDS = 30;

  /** Runs on the group's connection just before its commit; a test's way to fail a group. */
  interface BeforeCommit {
    void run(Connection c, int units) throws SQLException;
  }

  /** The unit's new claim collided with one another process stored first: run the unit again. */
  static final class CodeTaken extends RuntimeException {
    CodeTaken() {
      super("a claim code was taken while the unit ran", null, false, false);
    }
  }

  private final DataSource ds;
  private final BeforeCommit beforeCommit;
  private final BlockingQueue<UnitWrites> queue = new LinkedBlockingQueue<>();
  private final ConcurrentHashMap<String, UnitWrites> reservations = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closing;

  GroupCommitter(DataSource ds, BeforeCommit beforeCommit) {
    this.ds = ds;
    this.beforeCommit = beforeCommit;
    this.thread = new Thread(this::loop, "arbiter-group-commit");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Reserves a new claim's code for {@code unit}, waiting while another unit holds it (up to 30 s:
   * only submit inserts, one claim a unit, so two units never wait for each other).
   *
   * @throws StoreException when the other unit holds the code longer
   */
  void reserve(String code, UnitWrites unit) {
    while (true) {
      UnitWrites holder = reservations.putIfAbsent(code, unit);
      if (holder == null) {
        unit.reserved(code);
        return;
      }
      if (holder == unit) {
        return;
      }
      try {
        holder.settled.get(RESERVATION_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted waiting for claim code " + code, e);
      } catch (TimeoutException e) {
        throw new StoreException("claim code " + code + " is held by another transaction", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("settled never fails", e);
      }
    }
  }

  /**
   * Queues the unit's writes and waits until its group is durable.
   *
   * @throws StoreException when the group failed (nothing of it is stored) or the store is closing
   * @throws CodeTaken when the unit must run again
   */
  void commit(UnitWrites unit) {
    synchronized (this) {
      if (closing) {
        throw new StoreException("the store is closed", null);
      }
      queue.add(unit);
    }
    try {
      unit.durable.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new StoreException("the group commit failed", e);
    }
  }

  /** Ends the unit: frees its reserved codes. Call once, whatever the outcome. */
  void settle(UnitWrites unit) {
    for (String code : unit.reservedCodes()) {
      reservations.remove(code, unit);
    }
    unit.settled.complete(null);
  }

  private void loop() {
    List<UnitWrites> group = new ArrayList<>();
    while (!closing || !queue.isEmpty()) {
      try {
        UnitWrites first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.clear();
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        commitGroup(group);
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException | Error e) {
        fail(group, e);
      }
    }
    UnitWrites left;
    while ((left = queue.poll()) != null) {
      left.durable.completeExceptionally(new StoreException("the store closed before the claim was stored", null));
    }
  }

  private void commitGroup(List<UnitWrites> group) {
    List<UnitWrites> units = new ArrayList<>(group);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      while (!units.isEmpty()) {
        try {
          List<UnitWrites> taken = GroupSql.write(c, units);
          if (taken.isEmpty()) {
            beforeCommit.run(c, units.size());
            c.commit();
            units.forEach(u -> u.durable.complete(null));
            return;
          }
          c.rollback();
          taken.forEach(u -> u.durable.completeExceptionally(new CodeTaken()));
          units.removeAll(taken);
        } catch (SQLException | RuntimeException e) {
          rollback(c);
          throw e;
        }
      }
    } catch (SQLException e) {
      fail(units, e);
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // The connection is broken: the pool drops it, and the transaction did not commit.
    }
  }

  private static void fail(List<UnitWrites> units, Throwable cause) {
    StoreException failure = new StoreException("the group commit of " + units.size() + " claims failed: "
        + cause.getMessage(), cause);
    units.forEach(u -> u.durable.completeExceptionally(failure));
  }

  /** Commits what is queued, then stops (waits up to 10 s). */
  @Override
  public void close() {
    synchronized (this) {
      closing = true;
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
