package io.opendms.connector.mysql;

import io.opendms.spi.change.CaptureRequest;
import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.ChangeSourceConnector;
import io.opendms.spi.position.BinlogPosition;
import io.opendms.spi.position.SourcePosition;
import java.util.ArrayList;

import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.SourceAssessment;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.schema.IdentityCounter;
import io.opendms.spi.schema.SchemaSource;
import io.opendms.spi.schema.SourceSchema;
import io.opendms.spi.schema.StandaloneSequence;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.validation.ComparableEndpoint;
import io.opendms.spi.validation.ComparisonSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MySQL/MariaDB source for the full load and for binlog change capture. With a database in the endpoint, only that database is
 * described (DMS's {@code DatabaseName}); without one, every user database. Used by the
 * coordinating thread only.
 */
final class MySqlSourceConnector
    implements ChangeSourceConnector, SchemaSource, ComparableEndpoint, SourceAssessment {
  private static final Logger log = LoggerFactory.getLogger(MySqlSourceConnector.class);

  private final EndpointConfig endpoint;
  private final MySqlSettings settings;
  private final MySqlErrors errors;
  private final Connection connection;
  private final KeyRangePartitioner partitioner;

  private MySqlSourceConnector(
      EndpointConfig endpoint, MySqlSettings settings, Connection connection, long minPartitionRows) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.errors = MySqlErrors.forSource(endpoint);
    this.connection = connection;
    this.partitioner = new KeyRangePartitioner(minPartitionRows);
  }

  static MySqlSourceConnector open(EndpointConfig endpoint, long minPartitionRows) {
    MySqlSettings settings = MySqlSettings.of(endpoint);
    if (MySqlEngine.SYSTEM_SCHEMAS.contains(endpoint.database())) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER,
          "database " + endpoint.database() + " of " + endpoint.describe()
              + " belongs to the server and cannot be migrated");
    }
    try {
      return new MySqlSourceConnector(
          endpoint, settings, MySqlConnections.open(endpoint, settings), minPartitionRows);
    } catch (SQLException e) {
      throw MySqlErrors.forSource(endpoint).translate(e, "cannot connect to the source", null);
    }
  }

  @Override
  public List<TableDefinition> discover(Predicate<TableId> wanted) {
    try {
      return new TableDiscovery(connection, endpoint.database()).discover(wanted);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot describe the source tables", null);
    }
  }

  @Override
  public SourceSchema describeSchema(Predicate<TableId> wanted) {
    List<TableDefinition> tables = discover(wanted);
    try {
      return new MySqlSchemaReader(connection, endpoint.database()).describe(tables);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot describe the source schema", null);
    }
  }

  @Override
  public List<IdentityCounter> identityCounters(Predicate<TableId> wanted) {
    try {
      return new MySqlCounterReader(connection, endpoint.database()).read(wanted);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot read the source's AUTO_INCREMENT counters", null);
    }
  }

  /** MariaDB's CREATE SEQUENCE objects are not read (yet): none is reported. */
  @Override
  public List<StandaloneSequence> standaloneSequences(java.util.Set<String> schemas) {
    return List.of();
  }

  @Override
  public SnapshotSession openSnapshot() {
    return openSnapshot(1);
  }

  @Override
  public SnapshotSession openSnapshot(int maxReaders) {
    Connection control = null;
    try {
      control = MySqlConnections.open(endpoint, settings);
      SnapshotOpener.Opened opened =
          new SnapshotOpener(endpoint, settings).open(control, Math.max(1, maxReaders));
      log.info("{}: snapshot opened ({}) at {}", endpoint.describe(), opened.method(),
          opened.position().map(Object::toString).orElse("no binlog position (log_bin off)"));
      return new MySqlSnapshotSession(control, opened, partitioner, errors);
    } catch (SQLException e) {
      MySqlConnections.closeQuietly(control);
      throw errors.translate(e, "cannot open a consistent snapshot", null);
    }
  }

  @Override
  public ComparisonSession openComparison() {
    return MySqlComparisonSession.open(endpoint, settings, errors);
  }

  @Override
  public ChangeCapture openCapture(CaptureRequest request) {
    return BinlogCaptureOpener.open(errors, settings, connection, request, this::openSnapshot);
  }

  @Override
  public List<String> captureWarnings(List<TableDefinition> tables) {
    List<String> warnings = new ArrayList<>();
    try {
      warnings.addAll(BinlogPrerequisites.read(connection).warnings());
    } catch (SQLException e) {
      throw errors.translate(e, "cannot read the binlog settings", null);
    }
    for (TableDefinition table : tables) {
      if (!table.hasPrimaryKey()) {
        warnings.add("table " + table.id() + " has no primary key: its updates and deletes find"
            + " the target row by every column, one row at a time");
      }
    }
    return warnings;
  }

  /**
   * {@code file:offset}, or a GTID set (MySQL {@code 3e11fa47-...:1-42}, MariaDB {@code 0-1-42}),
   * which the server resolves to the position of the first transaction after it.
   */
  @Override
  public SourcePosition parsePosition(String text) {
    if (!GTID_SET.matcher(text).matches()) {
      return BinlogPosition.parse(text);
    }
    try {
      return BinlogStartSearch.positionAfter(errors, connection, text);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot resolve GTID set " + text, null);
    }
  }

  /** A MariaDB GTID list ({@code 0-1-42,1-2-7}) or a MySQL GTID set ({@code uuid:1-42:50}). */
  private static final java.util.regex.Pattern GTID_SET = java.util.regex.Pattern.compile(
      "\\d+-\\d+-\\d+(,\\s*\\d+-\\d+-\\d+)*"
          + "|[0-9a-fA-F-]{36}(:\\d+(-\\d+)?)+(,\\s*[0-9a-fA-F-]{36}(:\\d+(-\\d+)?)+)*");

  @Override
  public SourcePosition positionAt(java.time.Instant time) {
    try {
      return BinlogStartSearch.positionAt(errors, connection, time);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot list the binlogs for CdcStartTime", null);
    }
  }

  /** Binlog capture keeps nothing on the server: there is nothing to drop. */
  @Override
  public void dropCapture(String taskId) {}

  /**
   * A snapshot opened as for a full load: its binlog position is read while the snapshot
   * starts (under the brief global read lock, or MariaDB's {@code binlog_snapshot_*} status), so
   * a transaction whose commit event ends at or before it is in the snapshot, one after it is
   * not, which is how the binlog capture places its {@code Commit} positions.
   */
  @Override
  public SnapshotSession openStreamAlignedSnapshot() {
    SnapshotSession session = openSnapshot(1);
    if (session.position().isEmpty()) {
      session.close();
      throw new OpenDmsException(ErrorCode.UNSUPPORTED, endpoint.describe() + ": the snapshot"
          + " has no binlog position, so a table cannot be reloaded in step with the change"
          + " stream: grant the RELOAD privilege (FLUSH TABLES WITH READ LOCK)");
    }
    return session;
  }

  @Override
  public List<CheckResult> cdcPrerequisites(List<TableDefinition> tables) {
    return new MySqlSourceChecks(connection, errors).cdcPrerequisites(tables);
  }

  @Override
  public boolean isEmpty(TableId table) {
    return new MySqlSourceChecks(connection, errors).isEmpty(table);
  }

  @Override
  public long largestValueBytes(TableId table, Column column) {
    return new MySqlSourceChecks(connection, errors).largestValueBytes(table, column);
  }

  @Override
  public void close() {
    MySqlConnections.closeQuietly(connection);
  }
}
