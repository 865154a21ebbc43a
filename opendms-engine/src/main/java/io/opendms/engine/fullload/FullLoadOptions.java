package io.opendms.engine.fullload;

import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import java.util.Objects;
import java.util.Optional;

/**
 * What a full load needs to know beyond the tables.
 *
 * @param preparation how target tables are prepared and finished
 * @param maxSubTasks DMS {@code MaxFullLoadSubTasks}: table partitions loaded at once
 * @param maxPartitionsPerTable the most partitions one table is split into
 * @param allowNativeFormats take the fast path where source and target support it; false forces
 *     decoding (a diagnostic switch)
 * @param tableErrorsBeforeStop failed tables after which the whole load stops (DMS TableErrorPolicy
 *     STOP_TASK = 1, else TableErrorEscalationCount); 0 = a failed table never stops the others
 *     (SUSPEND_TABLE)
 * @param refusedRows what to do with rows the target refuses because of their data; empty: such a
 *     row fails its table, as any other failure
 * @param rowsPerRequest DMS {@code ParallelLoadBufferSize}: rows a streaming target sends in one
 *     request ({@link io.opendms.spi.target.TargetConnector#openSession(int)}); 0 = its own size
 */
public record FullLoadOptions(
    TablePreparation preparation,
    int maxSubTasks,
    int maxPartitionsPerTable,
    boolean allowNativeFormats,
    int tableErrorsBeforeStop,
    Optional<RefusedRowSettings> refusedRows,
    int rowsPerRequest) {

  /** Options with the target's own request size. */
  public FullLoadOptions(TablePreparation preparation, int maxSubTasks, int maxPartitionsPerTable,
      boolean allowNativeFormats, int tableErrorsBeforeStop,
      Optional<RefusedRowSettings> refusedRows) {
    this(preparation, maxSubTasks, maxPartitionsPerTable, allowNativeFormats, tableErrorsBeforeStop,
        refusedRows, 0);
  }

  /** Options under which a refused row fails its table. */
  public FullLoadOptions(TablePreparation preparation, int maxSubTasks, int maxPartitionsPerTable,
      boolean allowNativeFormats, int tableErrorsBeforeStop) {
    this(preparation, maxSubTasks, maxPartitionsPerTable, allowNativeFormats, tableErrorsBeforeStop,
        Optional.empty());
  }

  /** Options under which a failed table never stops the others. */
  public FullLoadOptions(TablePreparation preparation, int maxSubTasks, int maxPartitionsPerTable,
      boolean allowNativeFormats) {
    this(preparation, maxSubTasks, maxPartitionsPerTable, allowNativeFormats, 0);
  }

  public FullLoadOptions {
    Objects.requireNonNull(preparation, "preparation");
    Objects.requireNonNull(refusedRows, "refusedRows");
    if (maxSubTasks < 1) {
      throw new IllegalArgumentException("maxSubTasks must be >= 1, got " + maxSubTasks);
    }
    if (maxPartitionsPerTable < 1) {
      throw new IllegalArgumentException(
          "maxPartitionsPerTable must be >= 1, got " + maxPartitionsPerTable);
    }
    if (rowsPerRequest < 0) {
      throw new IllegalArgumentException("rowsPerRequest must be >= 0, got " + rowsPerRequest);
    }
    if (tableErrorsBeforeStop < 0) {
      throw new IllegalArgumentException("tableErrorsBeforeStop must be >= 0, got " + tableErrorsBeforeStop);
    }
  }

  /**
   * The options to load tables again on request: their rows are replaced even when the task
   * prepares targets with DO_NOTHING, which would otherwise double every row.
   */
  public FullLoadOptions forReload() {
    if (preparation.mode() != PrepMode.DO_NOTHING) {
      return this;
    }
    return new FullLoadOptions(new TablePreparation(PrepMode.TRUNCATE_BEFORE_LOAD,
        preparation.createPrimaryKeyAfterLoad()), maxSubTasks, maxPartitionsPerTable, allowNativeFormats,
        tableErrorsBeforeStop, refusedRows, rowsPerRequest);
  }
}
