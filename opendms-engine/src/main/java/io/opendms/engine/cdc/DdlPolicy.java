package io.opendms.engine.cdc;

/**
 * DMS's {@code ChangeProcessingDdlHandlingPolicy}: which source DDL change processing carries to
 * the target. DDL a flag turns off is logged and left out; the table's changes go on, fitted to
 * the target table as it stands.
 *
 * @param tableDropped {@code HandleSourceTableDropped}: drop the target table
 * @param tableTruncated {@code HandleSourceTableTruncated}: truncate the target table
 * @param tableAltered {@code HandleSourceTableAltered}: add, drop, rename and retype target columns
 * @param failOnTruncation {@code ErrorBehavior.ApplyErrorFailOnTruncationDdl}: a captured
 *     truncation of a replicated table fails the task instead, whatever {@code tableTruncated}
 */
public record DdlPolicy(boolean tableDropped, boolean tableTruncated, boolean tableAltered,
    boolean failOnTruncation) {

  /** DMS's defaults: every kind is applied. */
  public static final DdlPolicy APPLY_ALL = new DdlPolicy(true, true, true);

  /** A policy under which a truncation does not fail the task (DMS's default). */
  public DdlPolicy(boolean tableDropped, boolean tableTruncated, boolean tableAltered) {
    this(tableDropped, tableTruncated, tableAltered, false);
  }
}
