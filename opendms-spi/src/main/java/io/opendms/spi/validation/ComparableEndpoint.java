package io.opendms.spi.validation;

/**
 * The role of a connector whose database can take part in data validation, on either side: the
 * source of a migration, or its target opened through the same engine's source factory (the
 * comparison only reads, except {@link ComparisonSession#repair} and {@link
 * ComparisonSession#recordFailures}). Called by the engine's coordinating thread.
 */
public interface ComparableEndpoint {

  /**
   * Opens one connection for one comparison thread, reading committed data without a snapshot
   * (each query sees the data committed when it starts). Blocks while it connects; throws {@link
   * io.opendms.spi.error.OpenDmsException} when the database cannot be reached.
   */
  ComparisonSession openComparison();
}
