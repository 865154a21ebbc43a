package io.opendms.connector.postgres;

import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Carries out a {@link PrepMode} for one table in one transaction, so a failure leaves the target
 * as it was. Drops and truncates never cascade: when other objects depend on the table, the user
 * decides, not us. Confined to the target connector's coordinating thread.
 */
final class TablePreparer {

  private final Connection connection;
  private final TargetCatalog catalog;
  private final PostgresErrors errors;

  TablePreparer(Connection connection, TargetCatalog catalog, PostgresErrors errors) {
    this.connection = connection;
    this.catalog = catalog;
    this.errors = errors;
  }

  void prepare(TargetTable table, TablePreparation preparation) {
    prepare(table, preparation, Map.of());
  }

  /** @param columnClauses a DEFAULT or identity clause per column name for a table it creates */
  void prepare(TargetTable table, TablePreparation preparation, Map<String, String> columnClauses) {
    String prepare = "cannot prepare the table (" + preparation.mode() + ")";
    String step = prepare;
    try {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        OptionalLong existing = catalog.tableOid(table.id());
        String qualified = SqlNames.qualified(table.id());
        switch (preparation.mode()) {
          case DROP_AND_CREATE -> {
            if (existing.isPresent()) {
              step =
                  "cannot drop the table (DROP_AND_CREATE; drop what depends on it or use"
                      + " TRUNCATE_BEFORE_LOAD)";
              statement.execute("DROP TABLE " + qualified);
              step = prepare;
            }
            create(statement, table, preparation, columnClauses);
          }
          case TRUNCATE_BEFORE_LOAD -> {
            if (existing.isPresent()) {
              statement.execute("TRUNCATE TABLE " + qualified);
            } else {
              create(statement, table, preparation, columnClauses);
            }
          }
          case DO_NOTHING -> {
            if (existing.isEmpty()) {
              create(statement, table, preparation, columnClauses);
            }
          }
        }
      }
      connection.commit();
    } catch (SQLException e) {
      rollback();
      throw errors.translate(e, step, table.id());
    } finally {
      restoreAutoCommit();
    }
  }

  private void create(Statement statement, TargetTable table, TablePreparation preparation,
      Map<String, String> columnClauses) throws SQLException {
    createSchemaIfMissing(statement, table.id().schema());
    for (TableDdl.EnumType type : TableDdl.enumTypes(table)) {
      if (!catalog.typeExists(type.schema(), type.name())) {
        createSchemaIfMissing(statement, type.schema());
        statement.execute(type.createStatement());
      }
    }
    statement.execute(
        TableDdl.createTable(table, !preparation.createPrimaryKeyAfterLoad(), columnClauses));
  }

  private void createSchemaIfMissing(Statement statement, String schema) throws SQLException {
    if (!catalog.schemaExists(schema)) {
      statement.execute(TableDdl.createSchema(schema));
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the failure being reported is the original one
    }
  }

  private void restoreAutoCommit() {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException ignored) {
      // a broken connection fails the next call with its own error
    }
  }
}
