package io.opendms.connector.mysql;

import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.SourceAssessment;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.schema.SchemaSource;
import io.opendms.spi.schema.SourceSchema;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MySQL/MariaDB source for the full load. With a database in the endpoint, only that database is
 * described (DMS's {@code DatabaseName}); without one, every user database. Used by the
 * coordinating thread only.
 */
final class MySqlSourceConnector implements SourceConnector, SchemaSource, SourceAssessment {
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
