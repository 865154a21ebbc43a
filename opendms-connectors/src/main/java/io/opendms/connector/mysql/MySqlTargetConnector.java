package io.opendms.connector.mysql;

import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ChangeTargetConnector;

import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.TargetAssessment;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.schema.IdentityCounter;
import io.opendms.spi.schema.SchemaObjectTarget;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.StandaloneSequence;
import io.opendms.spi.schema.TableSchema;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A MySQL/MariaDB target for the full load and for change apply ({@link MySqlChangeApplier}). Tables go into the endpoint's database (DMS's {@code
 * TargetDbType=specific-database}, the default) or, with {@code multiple-databases} or no
 * database in the endpoint, into the database their schema names. The target must allow {@code
 * local_infile}; a missing database is created. The connector's own methods run on the coordinating thread; MySQL DDL commits
 * implicitly, so a failed preparation can leave a dropped table behind, which the message says.
 */
final class MySqlTargetConnector
    implements ChangeTargetConnector, SchemaObjectTarget, TargetAssessment {

  private final EndpointConfig endpoint;
  private final MySqlSettings settings;
  private final MySqlErrors errors;
  private final Connection connection;
  private final MySqlSchemaObjects schemaObjects;

  private MySqlTargetConnector(
      EndpointConfig endpoint, MySqlSettings settings, Connection connection) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.errors = MySqlErrors.forTarget(endpoint);
    this.connection = connection;
    this.schemaObjects = new MySqlSchemaObjects(this, connection, errors);
  }

  static MySqlTargetConnector open(EndpointConfig endpoint) {
    MySqlSettings settings = MySqlSettings.of(endpoint);
    Connection connection = null;
    try {
      connection = MySqlConnections.openServer(endpoint, settings);
      requireLocalInfile(endpoint, connection);
      return new MySqlTargetConnector(endpoint, settings, connection);
    } catch (SQLException e) {
      MySqlConnections.closeQuietly(connection);
      throw MySqlErrors.forTarget(endpoint).translate(e, "cannot connect to the target", null);
    } catch (RuntimeException e) {
      MySqlConnections.closeQuietly(connection);
      throw e;
    }
  }

  private static void requireLocalInfile(EndpointConfig endpoint, Connection connection)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT @@GLOBAL.local_infile")) {
      if (row.next() && !row.getBoolean(1)) {
        throw new OpenDmsException(ErrorCode.INVALID_PARAMETER,
            "the MySQL target " + endpoint.describe() + " has local_infile=OFF; bulk loads use"
                + " LOAD DATA LOCAL INFILE: run SET GLOBAL local_infile = 1 (and set it in my.cnf)");
      }
    }
  }

  /** Where a target table lives on this server. */
  TableId targetId(TargetTable table) {
    return placement(table.id());
  }

  @Override
  public TableId placement(TableId planned) {
    boolean own = settings.multipleDatabases() || endpoint.database().isEmpty();
    return own ? planned : new TableId(endpoint.database(), planned.name());
  }

  TableId targetId(TableId table) {
    return placement(table);
  }

  @Override
  public void prepare(TargetTable table, TablePreparation preparation) {
    prepare(table, preparation, Map.of());
  }

  /** @param columnClauses a DEFAULT or AUTO_INCREMENT clause per column for a table it creates */
  void prepare(TargetTable table, TablePreparation preparation, Map<String, String> columnClauses) {
    TableId id = targetId(table.id());
    String step = "cannot prepare the table (" + preparation.mode() + ")";
    try (Statement statement = connection.createStatement()) {
      boolean exists = exists(id);
      switch (preparation.mode()) {
        case DROP_AND_CREATE -> {
          if (exists) {
            step = "cannot drop the table (DROP_AND_CREATE; drop what references it or use"
                + " TRUNCATE_BEFORE_LOAD)";
            statement.execute("DROP TABLE " + SqlIdentifiers.qualified(id));
          }
          step = "cannot create the table (DROP_AND_CREATE; the old table is already dropped)";
          create(statement, id, table, preparation, columnClauses);
        }
        case TRUNCATE_BEFORE_LOAD -> {
          if (exists) {
            // DELETE, not TRUNCATE: TRUNCATE refuses a table that a foreign key references
            statement.execute("DELETE FROM " + SqlIdentifiers.qualified(id));
          } else {
            create(statement, id, table, preparation, columnClauses);
          }
        }
        case DO_NOTHING -> {
          if (!exists) {
            create(statement, id, table, preparation, columnClauses);
          }
        }
      }
    } catch (SQLException e) {
      throw errors.translate(e, step, id);
    }
  }

  private void create(Statement statement, TableId id, TargetTable table,
      TablePreparation preparation, Map<String, String> columnClauses) throws SQLException {
    statement.execute(MySqlTableDdl.createDatabase(id.schema()));
    statement.execute(MySqlTableDdl.createTable(
        id, table, !preparation.createPrimaryKeyAfterLoad(), columnClauses));
  }

  private boolean exists(TableId id) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      query.setString(1, id.schema());
      query.setString(2, id.name());
      try (ResultSet row = query.executeQuery()) {
        return row.next();
      }
    }
  }

  @Override
  public List<NativeFormat> importFormats(TargetTable table) {
    return List.of();
  }

  @Override
  public TargetSession openSession() {
    Connection session = null;
    try {
      session = MySqlConnections.openServer(endpoint, settings);
      return new MySqlTargetSession(this, errors, session);
    } catch (SQLException e) {
      MySqlConnections.closeQuietly(session);
      throw errors.translate(e, "cannot open a target session", null);
    }
  }

  @Override
  public void complete(TargetTable table, TablePreparation preparation) {
    TableId id = targetId(table);
    if (!preparation.createPrimaryKeyAfterLoad() || table.primaryKey().isEmpty()) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      if (!hasPrimaryKey(id)) {
        statement.execute(MySqlTableDdl.addPrimaryKey(id, table));
      }
    } catch (SQLException e) {
      throw errors.translate(e, "cannot add the primary key after the load", id);
    }
  }

  private boolean hasPrimaryKey(TableId id) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT 1 FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ?"
            + " AND TABLE_NAME = ? AND CONSTRAINT_TYPE = 'PRIMARY KEY'")) {
      query.setString(1, id.schema());
      query.setString(2, id.name());
      try (ResultSet row = query.executeQuery()) {
        return row.next();
      }
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

  /** MySQL has no sequences; MariaDB's SEQUENCE objects are not written (yet). */
  @Override
  public OptionalLong syncSequence(StandaloneSequence sequence) {
    return OptionalLong.empty();
  }

  @Override
  public ChangeApplier openApplier(ApplyRequest request) {
    return MySqlChangeApplier.open(this, errors, settings, request);
  }

  @Override
  public CheckResult privileges(Set<String> databases) {
    return new MySqlTargetChecks(connection).privileges(databases);
  }

  @Override
  public List<String> conversionRisks(TableDefinition source) {
    return MySqlTargetChecks.conversionRisks(source);
  }

  @Override
  public void close() {
    MySqlConnections.closeQuietly(connection);
  }
}
