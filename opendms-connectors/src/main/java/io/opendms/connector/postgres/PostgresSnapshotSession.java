package io.opendms.connector.postgres;

import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.TableDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A consistent view of the source: a coordinator connection holds a repeatable-read, read-only
 * transaction that exported its snapshot, and every reader imports that snapshot. No table is
 * locked. The coordinator stays open until {@link #close()}, since an exported snapshot lives only
 * as long as its transaction (readers that already imported it keep it). Methods other than {@link
 * #openReader()}'s readers run on the engine's coordinating thread.
 */
final class PostgresSnapshotSession implements SnapshotSession {

  private static final String EXPORT =
      "SELECT pg_export_snapshot(), CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()"
          + " ELSE pg_current_wal_lsn() END";

  private static final String TABLE_SIZE =
      "SELECT c.relkind, pg_relation_size(c.oid), current_setting('block_size')::int8,"
          + " c.relfilenode"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = ? AND c.relname = ?";

  private static final Set<NativeFormat> EXPORT_FORMATS =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(List.of(PostgresEngine.COPY_BINARY, PostgresEngine.COPY_TEXT)));

  private final PostgresErrors errors;
  private final Connection coordinator;
  private final String snapshotId;
  private final PgLsn position;
  private final BlockRangePartitioner partitioner;

  private PostgresSnapshotSession(
      PostgresErrors errors,
      Connection coordinator,
      String snapshotId,
      PgLsn position,
      BlockRangePartitioner partitioner) {
    this.errors = errors;
    this.coordinator = coordinator;
    this.snapshotId = snapshotId;
    this.position = position;
    this.partitioner = partitioner;
  }

  /** Connects, starts the coordinator transaction and exports its snapshot. */
  static PostgresSnapshotSession open(PostgresErrors errors, BlockRangePartitioner partitioner) {
    Connection connection = null;
    try {
      connection = PostgresConnections.openInSnapshot(errors.endpoint(), null);
      try (Statement statement = connection.createStatement()) {
        try (ResultSet row = statement.executeQuery(EXPORT)) {
          row.next();
          return new PostgresSnapshotSession(
              errors, connection, row.getString(1), PgLsn.parse(row.getString(2)), partitioner);
        }
      }
    } catch (SQLException e) {
      PostgresConnections.closeQuietly(connection);
      throw errors.translate(e, "cannot open a snapshot", null);
    }
  }

  /**
   * Imports a snapshot a replication slot exported at {@code position} and re-exports it from an
   * ordinary transaction, so that readers can import it while the replication connection that
   * created it streams (its own export ends with its next command).
   */
  static PostgresSnapshotSession importing(PostgresErrors errors, BlockRangePartitioner partitioner,
      String slotSnapshot, PgLsn position) {
    Connection connection = null;
    try {
      connection = PostgresConnections.openInSnapshot(errors.endpoint(), slotSnapshot);
      try (Statement statement = connection.createStatement()) {
        try (ResultSet row = statement.executeQuery("SELECT pg_export_snapshot()")) {
          row.next();
          return new PostgresSnapshotSession(errors, connection, row.getString(1), position, partitioner);
        }
      }
    } catch (SQLException e) {
      PostgresConnections.closeQuietly(connection);
      throw errors.translate(e, "cannot import the replication slot's snapshot " + slotSnapshot, null);
    }
  }

  /** The exported snapshot's name, as {@code SET TRANSACTION SNAPSHOT} takes it. */
  String snapshotId() {
    return snapshotId;
  }

  @Override
  public Optional<SourcePosition> position() {
    return Optional.of(position);
  }

  @Override
  public List<TablePartition> partition(TableDefinition table, int maxPartitions) {
    List<PartitionBounds> bounds;
    try (PreparedStatement statement = coordinator.prepareStatement(TABLE_SIZE)) {
      statement.setString(1, table.id().schema());
      statement.setString(2, table.id().name());
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          throw errors.failure(
              "cannot partition", table.id(), "the table is not in the snapshot", null);
        }
        boolean partitioned = row.getString(1).equals("p");
        // a partitioned parent has no blocks of its own; ctid ranges mean nothing across leaves
        bounds =
            partitioned
                ? List.of(new PartitionBounds.WholeTable())
                : partitioner.split(row.getLong(2) / row.getLong(3), row.getLong(3), maxPartitions,
                    row.getLong(4));
      }
    } catch (SQLException e) {
      throw errors.translate(e, "cannot partition", table.id());
    }
    List<TablePartition> partitions = new ArrayList<>();
    long share = table.estimatedRows() / bounds.size();
    for (int i = 0; i < bounds.size(); i++) {
      long rows = i == bounds.size() - 1 ? table.estimatedRows() - share * i : share;
      partitions.add(new TablePartition(table.id(), i, bounds.size(), bounds.get(i), rows));
    }
    return partitions;
  }

  @Override
  public Set<NativeFormat> exportFormats() {
    return EXPORT_FORMATS;
  }

  /**
   * Partitions are the first level of the partition tree; subpartitions the leaves below it.
   * Names are table names in their own schema, as {@link PostgresSnapshotReader} resolves them.
   */
  @Override
  public List<String> partitionNames(TableDefinition table, boolean subpartitions) {
    String sql = "SELECT c.relname FROM pg_partition_tree(format('%I.%I', ?, ?)::regclass) t"
        + " JOIN pg_class c ON c.oid = t.relid WHERE "
        + (subpartitions ? "t.level >= 2 AND t.isleaf" : "t.level = 1");
    try (PreparedStatement statement = coordinator.prepareStatement(sql)) {
      statement.setString(1, table.id().schema());
      statement.setString(2, table.id().name());
      List<String> names = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      return names;
    } catch (SQLException e) {
      throw errors.translate(e, "cannot list the partitions", table.id());
    }
  }

  /** Filters and key-tuple ranges go into the WHERE clause of each partition's query. */
  @Override
  public boolean appliesRowFilters() {
    return true;
  }

  @Override
  public SnapshotReader openReader() {
    return PostgresSnapshotReader.open(errors, snapshotId);
  }

  /** Ends the coordinator transaction and with it the exported snapshot. Never throws. */
  @Override
  public void close() {
    try {
      coordinator.rollback();
    } catch (SQLException ignored) {
      // closing the connection ends the transaction all the same
    }
    PostgresConnections.closeQuietly(coordinator);
  }
}
