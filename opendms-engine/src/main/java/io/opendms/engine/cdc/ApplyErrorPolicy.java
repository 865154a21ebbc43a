package io.opendms.engine.cdc;

import io.opendms.engine.settings.ErrorBehaviorSettings;
import io.opendms.engine.settings.ErrorPolicy;
import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.change.ApplyConflictHandler;
import io.opendms.spi.change.ApplyResolution;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.table.TableId;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Collection;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DMS's ErrorBehavior for changes the target refuses during CDC: picks the policy by what went
 * wrong (ApplyErrorDelete/Insert/UpdatePolicy for a missing row or a duplicate key,
 * DataTruncationErrorPolicy and DataErrorPolicy for values), counts errors per table and
 * escalates (ApplyErrorEscalationCount/Policy, DataErrorEscalationCount/Policy), and remembers
 * suspended tables. Routing, resolutions and {@link #committed()} run on the apply thread;
 * {@link #suspended()} may be read from any thread.
 */
public final class ApplyErrorPolicy implements ApplyConflictHandler {
  private static final Logger log = LoggerFactory.getLogger(ApplyErrorPolicy.class);

  private final ErrorBehaviorSettings settings;
  private final String taskId;
  private final Map<TableId, Integer> applyErrors = new HashMap<>();
  private final Map<TableId, Integer> dataErrors = new HashMap<>();
  private final Map<TableId, String> suspended = new ConcurrentHashMap<>();
  private final Set<RowChange> cached = Collections.newSetFromMap(new IdentityHashMap<>());
  private Instant cachedUntil;
  private volatile BiConsumer<TableId, String> onSuspended = (table, reason) -> {};
  private final Set<TableId> reconciling = ConcurrentHashMap.newKeySet();
  private final Map<TableId, Long> unrebuilt = new ConcurrentHashMap<>();

  public ApplyErrorPolicy(String taskId, ErrorBehaviorSettings settings) {
    this.taskId = taskId;
    this.settings = settings;
  }

  /**
   * Suspends tables an earlier run suspended (resume-processing), and hands every table
   * suspended from now on to {@code onSuspended} (on the apply thread), to be remembered.
   */
  public void remember(Map<TableId, String> earlier, BiConsumer<TableId, String> onSuspended) {
    suspended.putAll(earlier);
    this.onSuspended = onSuspended;
  }

  /** Applies the tables' changes again: they are being reloaded. Any thread. */
  public void release(Collection<TableId> tables) {
    tables.forEach(table -> {
      if (suspended.remove(table) != null) {
        log.info("task {}: table {} no longer suspended: it is reloaded", taskId, table);
      }
    });
  }

  /**
   * The full load completed at {@code at}: changes the source committed until then were cached
   * during the load and may already be in it, so with FullLoadIgnoreConflicts their missing rows
   * and duplicate keys are expected and skipped without counting. Compares source commit times
   * with this clock.
   */
  public void fullLoadCompleted(Instant at) {
    cachedUntil = at;
  }

  /**
   * {@code inner}, then: changes of suspended tables dropped, changes cached during the full load
   * remembered (until {@link #committed()}) so that their conflicts can be told apart.
   */
  public ChangeRouting routing(ChangeRouting inner) {
    ChangeRouting skipping = ChangeRouting.skipping(inner, this::isSuspended);
    return (change, transaction) -> {
      DataChange routed = skipping.route(change, transaction);
      Instant until = cachedUntil;
      if (until != null && transaction != null) {
        if (transaction.commitTime().isAfter(until)) {
          cachedUntil = null; // source order: no later change was cached
        } else if (routed instanceof RowChange row) {
          cached.add(row);
        }
      }
      return routed;
    };
  }

  /**
   * The changes of these target tables are replayed from an earlier point over rows that may
   * already hold them (a full load resumed range by range): a missing row or a duplicate key is
   * expected, the change is written whether or not its key exists, and nothing is counted. Any
   * thread, before the replay.
   */
  public void reconciling(Set<TableId> targets) {
    reconciling.addAll(targets);
  }

  /** A replayed deletion finds its row or not: both are right while the table reconciles. */
  @Override
  public boolean expectsMissingDeletes(TableId table) {
    return reconciling.contains(table);
  }

  /** The replay of these tables is committed: their conflicts count again. Any thread. */
  public void reconciled(Set<TableId> targets) {
    reconciling.removeAll(targets);
  }

  /**
   * How many replayed updates of each of {@code targets} found no row while lacking values the
   * source left out (PostgreSQL's unchanged TOASTed values), and forgets them: such a row cannot
   * be rebuilt from the stream, and may be missing on the target for good (an update moved it
   * into a partition kept, out of those loaded again). Any thread, after the replay.
   */
  public Map<TableId, Long> takeUnrebuilt(Set<TableId> targets) {
    Map<TableId, Long> taken = new TreeMap<>();
    targets.forEach(table -> {
      Long count = unrebuilt.remove(table);
      if (count != null) {
        taken.put(table, count);
      }
    });
    return taken;
  }

  /** The target committed what was applied: forget which of those changes were cached. */
  public void committed() {
    cached.clear();
  }

  @Override
  public ApplyResolution resolve(ApplyConflict conflict) {
    TableId table = conflict.change().table();
    if (reconciling.contains(table) && (conflict.kind() == ApplyConflict.Kind.ROW_NOT_FOUND
        || conflict.kind() == ApplyConflict.Kind.DUPLICATE_KEY)) {
      RowChange change = conflict.change();
      if (change.operation() == RowChange.Operation.DELETE) {
        return ApplyResolution.SKIP;
      }
      if (!change.unchanged().isEmpty()) {
        if (conflict.kind() == ApplyConflict.Kind.ROW_NOT_FOUND) {
          unrebuilt.merge(table, 1L, Long::sum);
        }
        return ApplyResolution.SKIP;
      }
      return ApplyResolution.UPSERT;
    }
    if (settings.fullLoadIgnoreConflicts() && cached.contains(conflict.change())
        && (conflict.kind() == ApplyConflict.Kind.ROW_NOT_FOUND || conflict.kind() == ApplyConflict.Kind.DUPLICATE_KEY)) {
      return ApplyResolution.SKIP;
    }
    ErrorPolicy policy = switch (conflict.kind()) {
      case ROW_NOT_FOUND -> conflict.change().operation() == RowChange.Operation.DELETE
          ? settings.applyErrorDeletePolicy() : settings.applyErrorUpdatePolicy();
      case DUPLICATE_KEY -> settings.applyErrorInsertPolicy();
      case TRUNCATION -> settings.dataTruncationErrorPolicy();
      case DATA_ERROR -> settings.dataErrorPolicy();
    };
    boolean apply = conflict.kind() == ApplyConflict.Kind.ROW_NOT_FOUND
        || conflict.kind() == ApplyConflict.Kind.DUPLICATE_KEY;
    int count = (apply ? applyErrors : dataErrors).merge(table, 1, Integer::sum);
    int limit = apply ? settings.applyErrorEscalationCount() : settings.dataErrorEscalationCount();
    if (limit > 0 && count >= limit) {
      ErrorPolicy escalated = apply ? settings.applyErrorEscalationPolicy() : settings.dataErrorEscalationPolicy();
      if (escalated != policy) {
        log.warn("task {}: table {} reached {} {} errors; escalating to {}", taskId, table, count,
            apply ? "apply" : "data", escalated);
        policy = escalated;
      }
    }
    ApplyResolution resolution = resolution(policy, conflict);
    if (resolution == ApplyResolution.SUSPEND_TABLE) {
      String reason = conflict.kind() + ": " + conflict.error();
      if (suspended.putIfAbsent(table, reason) == null) {
        onSuspended.accept(table, reason);
      }
      log.error("task {}: table {} suspended ({} policy): {}", taskId, table, policy, conflict.error());
    } else if (resolution != ApplyResolution.SKIP) {
      log.warn("task {}: table {}: {} ({} -> {}) in {}", taskId, table, conflict.error(),
          conflict.kind(), policy, conflict.statement());
    }
    return resolution;
  }

  /** Suspended target tables and why, in name order. */
  public Map<TableId, String> suspended() {
    return new TreeMap<>(suspended);
  }

  /** Whether changes of the target table are no longer applied. */
  public boolean isSuspended(TableId table) {
    return suspended.containsKey(table);
  }

  private static ApplyResolution resolution(ErrorPolicy policy, ApplyConflict conflict) {
    return switch (policy) {
      case IGNORE_RECORD, IGNORE -> ApplyResolution.SKIP;
      case LOG_ERROR -> ApplyResolution.LOG;
      case SUSPEND_TABLE -> ApplyResolution.SUSPEND_TABLE;
      case STOP_TASK -> ApplyResolution.STOP;
      // INSERT_RECORD answers a duplicate INSERT, UPDATE_RECORD a missing row of an UPDATE
      case INSERT_RECORD -> conflict.kind() == ApplyConflict.Kind.DUPLICATE_KEY
          ? ApplyResolution.UPSERT : ApplyResolution.LOG;
      case UPDATE_RECORD -> conflict.kind() == ApplyConflict.Kind.ROW_NOT_FOUND
          ? ApplyResolution.UPSERT : ApplyResolution.LOG;
    };
  }
}
