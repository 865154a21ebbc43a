package io.opendms.connector.postgres;

import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.SourceAssessment;
import io.opendms.spi.change.CaptureRequest;
import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.ChangeSourceConnector;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.TrustedCertificates;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.validation.ComparableEndpoint;
import io.opendms.spi.validation.ComparisonSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Predicate;

/**
 * A PostgreSQL source: full load and change capture. Holds one connection for catalog reads; each snapshot and
 * each reader opens its own. Used by the engine's coordinating thread only.
 */
final class PostgresSourceConnector
    implements ChangeSourceConnector, io.opendms.spi.schema.SchemaSource, ComparableEndpoint,
        SourceAssessment {

  /** pg_partition_tree (12); TID Range Scans, which make block-range partitions cheap, are 14+. */
  private static final int MIN_SERVER_VERSION = 120000;

  private final PostgresErrors errors;
  private final Connection connection;
  private final BlockRangePartitioner partitioner;

  private PostgresSourceConnector(
      PostgresErrors errors, Connection connection, BlockRangePartitioner partitioner) {
    this.errors = errors;
    this.connection = connection;
    this.partitioner = partitioner;
  }

  /**
   * Connects and checks the server can serve as a source.
   *
   * @param minPartitionBytes the smallest block-range partition; {@link
   *     BlockRangePartitioner#DEFAULT_MIN_PARTITION_BYTES} outside tests
   */
  static PostgresSourceConnector open(EndpointConfig endpoint, long minPartitionBytes) {
    PostgresErrors errors = PostgresErrors.forSource(endpoint);
    TrustedCertificates.ofEndpoint(endpoint); // a bad certificate is refused before connecting
    BlockRangePartitioner partitioner = new BlockRangePartitioner(minPartitionBytes);
    Connection connection = null;
    try {
      connection = PostgresConnections.open(endpoint);
      requireVersion(connection, endpoint);
      return new PostgresSourceConnector(errors, connection, partitioner);
    } catch (SQLException e) {
      PostgresConnections.closeQuietly(connection);
      throw errors.translate(e, "cannot connect to the source", null);
    } catch (RuntimeException e) {
      PostgresConnections.closeQuietly(connection);
      throw e;
    }
  }

  @Override
  public io.opendms.spi.schema.SourceSchema describeSchema(Predicate<TableId> wanted) {
    List<TableDefinition> tables = discover(wanted);
    try {
      return new PgSchemaReader(connection).describe(tables);
    } catch (java.sql.SQLException e) {
      throw errors.translate(e, "cannot describe the source schema", null);
    }
  }

  @Override
  public List<io.opendms.spi.schema.IdentityCounter> identityCounters(Predicate<TableId> wanted) {
    try {
      return new PgCounterReader(connection).read(wanted);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot read the source's sequences", null);
    }
  }

  @Override
  public List<io.opendms.spi.schema.StandaloneSequence> standaloneSequences(
      java.util.Set<String> schemas) {
    try {
      return new PgCounterReader(connection).standalone(schemas);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot read the source's sequences", null);
    }
  }

  @Override
  public List<TableDefinition> discover(Predicate<TableId> wanted) {
    try {
      // one repeatable-read transaction: the catalog queries see one state even during DDL
      PostgresConnections.beginSnapshotTransaction(connection, null);
      return new TableDiscovery(connection).discover(wanted);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot describe the source tables", null);
    } finally {
      endTransaction();
    }
  }

  @Override
  public SnapshotSession openSnapshot() {
    return PostgresSnapshotSession.open(errors, partitioner);
  }

  @Override
  public ComparisonSession openComparison() {
    return PostgresComparisonSession.open(errors);
  }

  @Override
  public ChangeCapture openCapture(CaptureRequest request) {
    return CaptureOpener.open(errors, connection, partitioner, request);
  }

  @Override
  public SnapshotSession openStreamAlignedSnapshot() {
    return CaptureOpener.openStreamAligned(errors, partitioner);
  }

  @Override
  public List<String> captureWarnings(List<TableDefinition> tables) {
    try {
      return new ReplicationSlots(connection, errors).identityWarnings(tables);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot read replica identities", null);
    }
  }

  @Override
  public List<CheckResult> cdcPrerequisites(List<TableDefinition> tables) {
    return new PgSourceChecks(connection, errors).cdcPrerequisites(tables);
  }

  @Override
  public boolean isEmpty(TableId table) {
    return new PgSourceChecks(connection, errors).isEmpty(table);
  }

  @Override
  public long largestValueBytes(TableId table, Column column) {
    return new PgSourceChecks(connection, errors).largestValueBytes(table, column);
  }

  @Override
  public SourcePosition parsePosition(String text) {
    return PgLsn.parse(text);
  }

  @Override
  public SourcePosition positionAt(java.time.Instant time) {
    throw new OpenDmsException(ErrorCode.UNSUPPORTED, "CdcStartTime is not supported for a"
        + " PostgreSQL source (WAL has no map from time to LSN; neither does DMS): give"
        + " CdcStartPosition as an LSN");
  }

  @Override
  public void dropCapture(String taskId) {
    CaptureOpener.drop(errors, connection, taskId);
  }

  @Override
  public void close() {
    PostgresConnections.closeQuietly(connection);
  }

  private void endTransaction() {
    try {
      connection.rollback();
      connection.setAutoCommit(true);
    } catch (SQLException ignored) {
      // a broken connection fails the next call with its own, translated, error
    }
  }

  private static void requireVersion(Connection connection, EndpointConfig endpoint)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT current_setting('server_version_num')::int")) {
      row.next();
      int version = row.getInt(1);
      if (version < MIN_SERVER_VERSION) {
        throw new OpenDmsException(
            ErrorCode.UNSUPPORTED,
            "PostgreSQL source "
                + endpoint.describe()
                + " runs server version "
                + version
                + "; OpenDMS needs 12 or later");
      }
    }
  }
}
