package io.opendms.server.control;

import io.opendms.engine.cdc.TableChanges;
import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.task.TableRecord;
import io.opendms.engine.task.TableState;
import io.opendms.engine.validation.TableVerdict;
import io.opendms.engine.validation.ValidationStatus;
import io.opendms.spi.table.TableId;
import java.time.Instant;
import java.util.Map;

/**
 * One table of a task run, from the live engine status or from what an earlier run completed.
 *
 * @param schema source schema
 * @param table source table
 * @param state load state
 * @param rows rows loaded
 * @param estimatedRows the source's estimate, 0 when unknown
 * @param started full load start, or null
 * @param finished full load end, or null
 * @param error why it failed, or null
 * @param validation its validation counters
 * @param reloaded whether the last load was a reload asked for by ReloadTables
 * @param changes the changes CDC committed on the target table since the task (or the table's
 *     reload) started
 */
record TableProgress(
    String schema, String table, TableState state, long rows, long estimatedRows, Instant started,
    Instant finished, String error, ValidationStatus validation, boolean reloaded,
    TableChanges changes) {

  static TableProgress of(TableStatus status, Map<TableId, ValidationStatus> validation) {
    return of(status, validation, TableChanges.NONE);
  }

  static TableProgress of(TableStatus status, Map<TableId, ValidationStatus> validation,
      TableChanges changes) {
    var source = status.plan().source();
    return new TableProgress(source.id().schema(), source.id().name(), status.state(), status.rows(),
        Math.max(0, source.estimatedRows()), status.started(), status.finished(), status.error(),
        validation.getOrDefault(source.id(), ValidationStatus.NOT_ENABLED), status.reloaded(),
        changes);
  }

  static TableProgress of(TableRecord kept) {
    return new TableProgress(kept.source().schema(), kept.source().name(), kept.state(), kept.rows(),
        kept.rows(), kept.started(), kept.finished(), kept.error(),
        kept.validation() == null ? ValidationStatus.NOT_ENABLED : kept.validation(), false,
        TableChanges.NONE);
  }

  /** A table a ValidationOnly task compared without loading it. */
  static TableProgress validatedOnly(TableVerdict verdict) {
    return new TableProgress(verdict.source().schema(), verdict.source().name(),
        TableState.TABLE_COMPLETED, 0, 0, null, null, null, ValidationStatus.of(verdict), false,
        TableChanges.NONE);
  }

  /** Rows counted towards FullLoadProgressPercent: all estimated rows once the table is done. */
  long progressRows() {
    return state == TableState.TABLE_COMPLETED ? Math.max(rows, estimatedRows) : Math.min(rows, estimatedRows);
  }

  long progressTotal() {
    return state == TableState.TABLE_COMPLETED ? Math.max(rows, estimatedRows) : estimatedRows;
  }
}
