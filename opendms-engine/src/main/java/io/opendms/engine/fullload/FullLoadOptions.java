package io.opendms.engine.fullload;

import io.opendms.spi.target.TablePreparation;
import java.util.Objects;

/**
 * What a full load needs to know beyond the tables.
 *
 * @param preparation how target tables are prepared and finished
 * @param maxSubTasks DMS {@code MaxFullLoadSubTasks}: table partitions loaded at once, and the
 *     most partitions one table is split into
 * @param allowNativeFormats take the fast path where source and target support it; false forces
 *     decoding (a diagnostic switch)
 */
public record FullLoadOptions(
    TablePreparation preparation, int maxSubTasks, boolean allowNativeFormats) {

  public FullLoadOptions {
    Objects.requireNonNull(preparation, "preparation");
    if (maxSubTasks < 1) {
      throw new IllegalArgumentException("maxSubTasks must be >= 1, got " + maxSubTasks);
    }
  }
}
