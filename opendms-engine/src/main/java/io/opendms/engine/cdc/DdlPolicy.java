package io.opendms.engine.cdc;

/**
 * DMS's {@code ChangeProcessingDdlHandlingPolicy}: which source DDL change processing carries to
 * the target. DDL a flag turns off is logged and left out; the table's changes go on, fitted to
 * the target table as it stands.
 *
 * @param tableDropped {@code HandleSourceTableDropped}: drop the target table
 * @param tableTruncated {@code HandleSourceTableTruncated}: truncate the target table
 * @param tableAltered {@code HandleSourceTableAltered}: add, drop, rename and retype target columns
 */
public record DdlPolicy(boolean tableDropped, boolean tableTruncated, boolean tableAltered) {

  /** DMS's defaults: every kind is applied. */
  public static final DdlPolicy APPLY_ALL = new DdlPolicy(true, true, true);
}
