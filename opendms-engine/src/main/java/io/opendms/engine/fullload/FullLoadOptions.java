package io.opendms.engine.fullload;

import io.opendms.spi.target.TablePreparation;
import java.util.Objects;

/**
 * What a full load needs to know beyond the tables.
 *
 * @param preparation how target tables are prepared and finished
 * @param maxSubTasks DMS {@code MaxFullLoadSubTasks}: table partitions loaded at once
 * @param maxPartitionsPerTable the most partitions one table is split into
 * @param allowNativeFormats take the fast path where source and target support it; false forces
 *     decoding (a diagnostic switch)
 */
public record FullLoadOptions(
    TablePreparation preparation,
    int maxSubTasks,
    int maxPartitionsPerTable,
    boolean allowNativeFormats) {

  public FullLoadOptions {
    Objects.requireNonNull(preparation, "preparation");
    if (maxSubTasks < 1) {
      throw new IllegalArgumentException("maxSubTasks must be >= 1, got " + maxSubTasks);
    }
    if (maxPartitionsPerTable < 1) {
      throw new IllegalArgumentException(
          "maxPartitionsPerTable must be >= 1, got " + maxPartitionsPerTable);
    }
  }
}
