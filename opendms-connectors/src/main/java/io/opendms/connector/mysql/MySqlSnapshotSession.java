package io.opendms.connector.mysql;

import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.position.BinlogPosition;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consistent read view over the snapshot connections {@link SnapshotOpener} opened. Readers are
 * handed the connections in turn; when there are more readers than connections they share them,
 * one partition at a time. Partitioning uses the control connection outside the snapshot, which is
 * exact because the outer ranges are unbounded.
 */
final class MySqlSnapshotSession implements SnapshotSession {

  private final Connection control;
  private final SnapshotOpener.Opened opened;
  private final KeyRangePartitioner partitioner;
  private final MySqlErrors errors;
  private final AtomicInteger nextConnection = new AtomicInteger();

  MySqlSnapshotSession(
      Connection control,
      SnapshotOpener.Opened opened,
      KeyRangePartitioner partitioner,
      MySqlErrors errors) {
    this.control = control;
    this.opened = opened;
    this.partitioner = partitioner;
    this.errors = errors;
  }

  @Override
  public Optional<SourcePosition> position() {
    return opened.position().map(BinlogPosition.class::cast);
  }

  @Override
  public List<TablePartition> partition(TableDefinition table, int maxPartitions) {
    int wanted = partitioner.wanted(table, maxPartitions);
    if (wanted <= 1) {
      return List.of(TablePartition.whole(table.id(), table.estimatedRows()));
    }
    Column key = KeyRangePartitioner.splitColumn(table);
    String column = SqlIdentifiers.quote(key.name());
    String sql = "SELECT MIN(" + column + "), MAX(" + column + ") FROM "
        + SqlIdentifiers.qualified(table.id());
    try (Statement statement = control.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      String min = row.getString(1);
      String max = row.getString(2);
      return partitioner.split(table,
          min == null ? null : new BigInteger(min), max == null ? null : new BigInteger(max),
          wanted);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot find the key range to partition by", table.id());
    }
  }

  @Override
  public Set<NativeFormat> exportFormats() {
    return Set.of();
  }

  /** Named (sub)partitions are read with {@code SELECT ... FROM t PARTITION (p0, ...)}. */
  @Override
  public List<String> partitionNames(TableDefinition table, boolean subpartitions) {
    String column = subpartitions ? "SUBPARTITION_NAME" : "PARTITION_NAME";
    String sql = "SELECT " + column + " FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = ?"
        + " AND TABLE_NAME = ? AND " + column + " IS NOT NULL"
        + " ORDER BY PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION";
    try (var statement = control.prepareStatement(sql)) {
      statement.setString(1, table.id().schema());
      statement.setString(2, table.id().name());
      var names = new java.util.LinkedHashSet<String>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      return List.copyOf(names);
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
    List<SnapshotConnection> connections = opened.connections();
    int index = Math.floorMod(nextConnection.getAndIncrement(), connections.size());
    return new MySqlSnapshotReader(connections.get(index), errors);
  }

  @Override
  public void close() {
    for (SnapshotConnection connection : opened.connections()) {
      try {
        connection.connection().rollback();
      } catch (SQLException ignored) {
        // ending a read-only snapshot: closing the connection ends it just as well
      }
      MySqlConnections.closeQuietly(connection.connection());
    }
    MySqlConnections.closeQuietly(control);
  }
}
