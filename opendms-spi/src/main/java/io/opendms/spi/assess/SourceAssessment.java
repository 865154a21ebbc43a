package io.opendms.spi.assess;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.util.List;

/**
 * The premigration checks a source connector can run against its own database, read-only: it
 * queries settings and catalogs and never changes them. The engine checks for it with
 * {@code instanceof} on the {@link io.opendms.spi.source.SourceConnector}. Called on one thread.
 */
public interface SourceAssessment {

  /**
   * The engine's change-data-capture prerequisites for these tables (PostgreSQL: wal_level, free
   * slots and WAL senders, tables without a key or REPLICA IDENTITY FULL; MySQL: binary log
   * enabled, format, row image, retention, replication privileges, tables without a key). A
   * check whose query fails is reported with status {@code ERROR}, never thrown.
   */
  List<CheckResult> cdcPrerequisites(List<TableDefinition> tables);

  /** Whether the table has no row. Throws {@link io.opendms.spi.error.OpenDmsException}. */
  boolean isEmpty(TableId table);

  /**
   * The size in bytes of the column's largest value (0 for an empty table or all NULLs). Reads
   * the whole column. Throws {@link io.opendms.spi.error.OpenDmsException}.
   */
  long largestValueBytes(TableId table, Column column);
}
