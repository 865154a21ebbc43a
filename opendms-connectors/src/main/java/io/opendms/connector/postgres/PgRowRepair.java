package io.opendms.connector.postgres;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.validation.ValidationFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.StringJoiner;

/**
 * The writes of a comparison session: rewriting rows found different, and DMS's validation
 * failures table, each in one transaction on the session's connection.
 *
 * <pre>
 * CREATE TABLE awsdms_control.awsdms_validation_failures_v1 (
 *   task_name varchar(128), table_owner varchar(128), table_name varchar(128),
 *   failure_time timestamp(3), key_type varchar(128), key text, failure_type varchar(128),
 *   details varchar(8000))
 * </pre>
 * Lower-case names, so DMS's upper-case spelling works unquoted in queries.
 */
final class PgRowRepair {
  static final String FAILURES_TABLE = "awsdms_validation_failures_v1";

  private final Connection connection;

  PgRowRepair(Connection connection) {
    this.connection = connection;
  }

  long repair(TableId table, List<Column> columns, List<Column> key, List<Object[]> rows,
      List<List<Object>> deleteKeys) throws SQLException {
    StringJoiner match = new StringJoiner(" AND ");
    key.forEach(k -> match.add(SqlNames.quote(k.name()) + " = " + PgComparisonText.parameter(k)));
    StringJoiner values = new StringJoiner(", ");
    columns.forEach(c -> values.add(PgComparisonText.parameter(c)));
    String delete = "DELETE FROM " + SqlNames.qualified(table) + " WHERE " + match;
    String insert = "INSERT INTO " + SqlNames.qualified(table) + " ("
        + SqlNames.columnList(PgComparisonText.names(columns)) + ") VALUES (" + values + ")";
    int[] keyIndexes = key.stream().mapToInt(k -> columns.indexOf(k)).toArray();
    connection.setAutoCommit(false);
    try (PreparedStatement deletes = connection.prepareStatement(delete);
        PreparedStatement inserts = connection.prepareStatement(insert)) {
      for (List<Object> keyValues : deleteKeys) {
        bind(deletes, 1, keyValues);
        deletes.addBatch();
      }
      for (Object[] row : rows) {
        for (int i = 0; i < keyIndexes.length; i++) {
          PostgresComparisonSession.setText(deletes, i + 1, row[keyIndexes[i]]);
        }
        deletes.addBatch();
        bind(inserts, 1, java.util.Arrays.asList(row));
        inserts.addBatch();
      }
      deletes.executeBatch();
      inserts.executeBatch();
      connection.commit();
      return rows.size() + deleteKeys.size();
    } finally {
      if (!connection.getAutoCommit()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
  }

  void recordFailures(String controlSchema, List<ValidationFailure> failures) throws SQLException {
    String schema = controlSchema.isBlank() ? "awsdms_control" : controlSchema;
    String table = SqlNames.quote(schema) + "." + SqlNames.quote(FAILURES_TABLE);
    try (Statement statement = connection.createStatement()) {
      statement.execute(TableDdl.createSchema(schema));
      statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (task_name varchar(128) NOT NULL,"
          + " table_owner varchar(128) NOT NULL, table_name varchar(128) NOT NULL,"
          + " failure_time timestamp(3) NOT NULL, key_type varchar(128) NOT NULL,"
          + " key text NOT NULL, failure_type varchar(128) NOT NULL,"
          + " details varchar(8000) NOT NULL)");
    }
    connection.setAutoCommit(false);
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
        + " VALUES (?, ?, ?, ?, 'Row', ?, ?, ?)")) {
      for (ValidationFailure failure : failures) {
        insert.setString(1, failure.taskName());
        insert.setString(2, failure.tableOwner());
        insert.setString(3, failure.tableName());
        insert.setTimestamp(4, Timestamp.valueOf(
            java.time.LocalDateTime.ofInstant(failure.failureTime(), java.time.ZoneOffset.UTC)));
        insert.setString(5, failure.key());
        insert.setString(6, failure.failureType());
        insert.setString(7, failure.details());
        insert.addBatch();
      }
      insert.executeBatch();
      connection.commit();
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
  }

  /** Binds canonical values as text from {@code first} on; returns the next index. */
  static int bind(PreparedStatement statement, int first, List<Object> values)
      throws SQLException {
    int index = first;
    for (Object value : values) {
      PostgresComparisonSession.setText(statement, index++, value);
    }
    return index;
  }
}
