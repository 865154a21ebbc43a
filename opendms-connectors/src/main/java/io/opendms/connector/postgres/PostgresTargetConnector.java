package io.opendms.connector.postgres;

import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.TargetAssessment;
import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ChangeTargetConnector;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.TrustedCertificates;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.schema.IdentityCounter;
import io.opendms.spi.schema.SchemaObjectTarget;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.StandaloneSequence;
import io.opendms.spi.schema.TableSchema;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A PostgreSQL target: full load and change apply. Its own connection serves {@link #prepare}, {@link
 * #importFormats} and {@link #complete} on the engine's coordinating thread; every {@link
 * TargetSession} has a connection of its own.
 */
final class PostgresTargetConnector
    implements ChangeTargetConnector, SchemaObjectTarget, TargetAssessment {

  private final PostgresErrors errors;
  private final Connection connection;
  private final TargetCatalog catalog;
  private final PgSchemaObjects schemaObjects;

  private PostgresTargetConnector(PostgresErrors errors, Connection connection) {
    this.errors = errors;
    this.connection = connection;
    this.catalog = new TargetCatalog(connection);
    this.schemaObjects = new PgSchemaObjects(connection, catalog, errors);
  }

  /** Connects and checks the server accepts writes (a hot standby does not). */
  static PostgresTargetConnector open(EndpointConfig endpoint) {
    PostgresErrors errors = PostgresErrors.forTarget(endpoint);
    TrustedCertificates.ofEndpoint(endpoint); // a bad certificate is refused before connecting
    Connection connection = null;
    try {
      connection = PostgresConnections.open(endpoint);
      try (Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT pg_is_in_recovery()")) {
        row.next();
        if (row.getBoolean(1)) {
          throw new OpenDmsException(
              ErrorCode.PERMISSION_DENIED,
              "target " + endpoint.describe() + " is a read-only standby (in recovery)");
        }
      }
      return new PostgresTargetConnector(errors, connection);
    } catch (SQLException e) {
      PostgresConnections.closeQuietly(connection);
      throw errors.translate(e, "cannot connect to the target", null);
    } catch (RuntimeException e) {
      PostgresConnections.closeQuietly(connection);
      throw e;
    }
  }

  @Override
  public void prepare(TargetTable table, TablePreparation preparation) {
    new TablePreparer(connection, catalog, errors).prepare(table, preparation);
  }

  /**
   * Binary and text COPY when the existing table has every column with exactly the source's type
   * and none whose binary form embeds database-specific type OIDs; text COPY alone when a type
   * differs (the target casts each field from text); nothing unless the source is PostgreSQL and
   * the table has every column by name.
   */
  @Override
  public List<NativeFormat> importFormats(TargetTable table) {
    if (!PostgresEngine.isPostgres(table.sourceEngine())) {
      return List.of();
    }
    try {
      OptionalLong oid = catalog.tableOid(table.id());
      if (oid.isEmpty()) {
        return List.of();
      }
      Map<String, TargetCatalog.TargetColumn> existing = catalog.columns(oid.getAsLong());
      boolean binary = true;
      for (Column column : table.columns()) {
        TargetCatalog.TargetColumn target = existing.get(column.name());
        if (target == null) {
          return List.of();
        }
        binary &= target.binarySafe() && target.nativeType().equals(column.nativeType());
      }
      return binary
          ? List.of(PostgresEngine.COPY_BINARY, PostgresEngine.COPY_TEXT)
          : List.of(PostgresEngine.COPY_TEXT);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot inspect the table", table.id());
    }
  }

  @Override
  public TargetSession openSession() {
    return PostgresTargetSession.open(errors);
  }

  /**
   * Adds a deferred primary key (unless the table has one). No ANALYZE here: it took about a
   * tenth of a 1M-row load in the benchmark, and autovacuum analyzes a freshly loaded table on
   * its own shortly after.
   */
  @Override
  public void complete(TargetTable table, TablePreparation preparation) {
    try (Statement statement = connection.createStatement()) {
      if (preparation.createPrimaryKeyAfterLoad() && !table.primaryKey().isEmpty()) {
        OptionalLong oid = catalog.tableOid(table.id());
        if (oid.isPresent() && !catalog.hasPrimaryKey(oid.getAsLong())) {
          statement.execute(TableDdl.addPrimaryKey(table));
        }
      }
    } catch (SQLException e) {
      throw errors.translate(e, "cannot complete the table", table.id());
    }
  }

  @Override
  public List<SkippedObject> prepare(TableSchema table, TablePreparation preparation) {
    return schemaObjects.prepare(table, preparation);
  }

  @Override
  public List<SkippedObject> createIndexes(TableSchema table) {
    return schemaObjects.createIndexes(table);
  }

  @Override
  public List<SkippedObject> createForeignKeys(TableSchema table) {
    return schemaObjects.createForeignKeys(table);
  }

  @Override
  public OptionalLong syncCounter(IdentityCounter counter) {
    return schemaObjects.syncCounter(counter);
  }

  @Override
  public OptionalLong syncSequence(StandaloneSequence sequence) {
    return schemaObjects.syncSequence(sequence);
  }

  @Override
  public ChangeApplier openApplier(ApplyRequest request) {
    return PostgresChangeApplier.open(errors, request);
  }

  @Override
  public CheckResult privileges(Set<String> schemas) {
    return new PgTargetChecks(connection).privileges(schemas);
  }

  @Override
  public List<String> conversionRisks(TableDefinition source) {
    return PgTargetChecks.conversionRisks(source);
  }

  @Override
  public void close() {
    PostgresConnections.closeQuietly(connection);
  }
}
