package io.opendms.server.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.engine.task.TableState;
import io.opendms.server.dms.Json;
import io.opendms.engine.validation.ValidationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** DMS's ReplicationTaskStats and TableStatistics shapes from table progress. */
final class TaskStatistics {
  private TaskStatistics() {}

  /** Fills the table counters and progress of {@code stats} (dates are kept by the runner). */
  static void count(ObjectNode stats, List<TableProgress> tables) {
    long done = 0;
    long total = 0;
    for (TableProgress table : tables) {
      done += table.progressRows();
      total += table.progressTotal();
    }
    long completed = tables.stream().filter(t -> t.state() == TableState.TABLE_COMPLETED).count();
    int percent = total > 0 ? (int) Math.min(100, done * 100 / total)
        : tables.isEmpty() ? 0 : (int) (completed * 100 / tables.size());
    stats.put("FullLoadProgressPercent", percent);
    stats.put("TablesLoaded", completed);
    stats.put("TablesLoading", tables.stream().filter(t -> t.state() == TableState.FULL_LOAD
        || t.state() == TableState.TABLE_RELOADING).count());
    stats.put("TablesQueued", tables.stream().filter(t -> t.state() == TableState.BEFORE_LOAD).count());
    stats.put("TablesErrored", tables.stream()
        .filter(t -> t.state() == TableState.TABLE_ERROR || t.state() == TableState.TABLE_CANCELLED).count());
    tables.stream().map(TableProgress::started).filter(Objects::nonNull).min(Instant::compareTo)
        .ifPresent(first -> stats.set("FullLoadStartDate", Json.timestamp(first)));
    boolean allDone = !tables.isEmpty() && tables.stream().allMatch(t -> t.state().isFinal());
    if (allDone) {
      tables.stream().map(TableProgress::finished).filter(Objects::nonNull).max(Instant::compareTo)
          .ifPresent(last -> stats.set("FullLoadFinishDate", Json.timestamp(last)));
    }
  }

  static ArrayNode tableStatistics(List<TableProgress> tables, Instant now) {
    ArrayNode result = Json.array();
    for (TableProgress table : tables) {
      ObjectNode row = result.addObject();
      row.put("SchemaName", table.schema());
      row.put("TableName", table.table());
      // counted when committed on the target, so applied and captured counts are the same
      var changes = table.changes();
      for (String prefix : List.of("", "Applied")) {
        row.put(prefix + "Inserts", changes.inserts());
        row.put(prefix + "Deletes", changes.deletes());
        row.put(prefix + "Updates", changes.updates());
        row.put(prefix + "Ddls", changes.ddls());
      }
      row.put("FullLoadRows", table.rows());
      row.put("FullLoadCondtnlChkFailedRows", 0L);
      row.put("FullLoadErrorRows", 0L);
      if (table.started() != null) {
        row.set("FullLoadStartTime", Json.timestamp(table.started()));
      }
      if (table.finished() != null) {
        row.set("FullLoadEndTime", Json.timestamp(table.finished()));
      }
      row.put("FullLoadReloaded", table.reloaded());
      row.set("LastUpdateTime", Json.timestamp(now));
      row.put("TableState", table.state().dmsName());
      ValidationStatus validation = table.validation();
      row.put("ValidationPendingRecords", validation.pending());
      row.put("ValidationFailedRecords", validation.failed());
      row.put("ValidationSuspendedRecords", validation.suspended());
      row.put("ValidationState", validation.state().dmsName());
      row.put("ValidationStateDetails", !validation.details().isEmpty() ? validation.details()
          : table.error() == null ? "" : table.error());
      row.put("ResyncState", "Not enabled");
      row.put("ResyncRowsAttempted", 0L);
      row.put("ResyncRowsSucceeded", 0L);
      row.put("ResyncRowsFailed", 0L);
      row.put("ResyncProgress", 0.0);
    }
    return result;
  }
}
