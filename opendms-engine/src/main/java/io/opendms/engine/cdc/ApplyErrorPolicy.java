package io.opendms.engine.cdc;

import io.opendms.engine.settings.ErrorBehaviorSettings;
import io.opendms.engine.settings.ErrorPolicy;
import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.change.ApplyConflictHandler;
import io.opendms.spi.change.ApplyResolution;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.table.TableId;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DMS's ErrorBehavior for changes the target refuses during CDC: picks the policy by what went
 * wrong (ApplyErrorDelete/Insert/UpdatePolicy for a missing row or a duplicate key,
 * DataTruncationErrorPolicy and DataErrorPolicy for values), counts errors per table and
 * escalates (ApplyErrorEscalationCount/Policy, DataErrorEscalationCount/Policy), and remembers
 * suspended tables. Resolutions are asked on the apply thread; {@link #suspended()} may be read
 * from any thread.
 */
public final class ApplyErrorPolicy implements ApplyConflictHandler {
  private static final Logger log = LoggerFactory.getLogger(ApplyErrorPolicy.class);

  private final ErrorBehaviorSettings settings;
  private final String taskId;
  private final Map<TableId, Integer> applyErrors = new HashMap<>();
  private final Map<TableId, Integer> dataErrors = new HashMap<>();
  private final Map<TableId, String> suspended = new ConcurrentHashMap<>();
  private volatile boolean cachedChanges;

  public ApplyErrorPolicy(String taskId, ErrorBehaviorSettings settings) {
    this.taskId = taskId;
    this.settings = settings;
  }

  /**
   * Whether the changes cached during the full load are being applied: then, with
   * FullLoadIgnoreConflicts, a missing row or a duplicate key is expected (the load may already
   * hold the change) and skipped without counting.
   */
  public void applyingCachedChanges(boolean cached) {
    cachedChanges = cached;
  }

  @Override
  public ApplyResolution resolve(ApplyConflict conflict) {
    TableId table = conflict.change().table();
    if (cachedChanges && settings.fullLoadIgnoreConflicts()
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
      suspended.putIfAbsent(table, conflict.kind() + ": " + conflict.error());
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
