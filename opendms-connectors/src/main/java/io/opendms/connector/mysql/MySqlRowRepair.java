package io.opendms.connector.mysql;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.validation.ValidationFailure;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.StringJoiner;

/**
 * The writes of a comparison session: rewriting rows found different, and DMS's validation
 * failures table ({@code awsdms_control.awsdms_validation_failures_v1}, DMS's column names), each
 * in one transaction on the session's connection.
 */
final class MySqlRowRepair {
  static final String FAILURES_TABLE = "awsdms_validation_failures_v1";

  private final Connection connection;

  MySqlRowRepair(Connection connection) {
    this.connection = connection;
  }

  long repair(TableId table, List<Column> columns, List<Column> key, List<Object[]> rows,
      List<List<Object>> deleteKeys) throws SQLException {
    StringJoiner match = new StringJoiner(" AND ");
    key.forEach(k -> match.add(SqlIdentifiers.quote(k.name()) + " = ?"));
    String placeholders = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
    String delete = "DELETE FROM " + SqlIdentifiers.qualified(table) + " WHERE " + match;
    String insert = "INSERT INTO " + SqlIdentifiers.qualified(table) + " ("
        + SqlIdentifiers.columnList(columns.stream().map(Column::name).toList()) + ") VALUES ("
        + placeholders + ")";
    int[] keyIndexes = key.stream().mapToInt(columns::indexOf).toArray();
    connection.setAutoCommit(false);
    try (PreparedStatement deletes = connection.prepareStatement(delete);
        PreparedStatement inserts = connection.prepareStatement(insert)) {
      for (List<Object> keyValues : deleteKeys) {
        bind(deletes, 1, keyValues);
        deletes.addBatch();
      }
      for (Object[] row : rows) {
        for (int i = 0; i < keyIndexes.length; i++) {
          set(deletes, i + 1, row[keyIndexes[i]]);
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
      connection.rollback();
      connection.setAutoCommit(true);
    }
  }

  void recordFailures(String controlSchema, List<ValidationFailure> failures) throws SQLException {
    String schema = controlSchema.isBlank() ? "awsdms_control" : controlSchema;
    String table = SqlIdentifiers.quote(schema) + "." + SqlIdentifiers.quote(FAILURES_TABLE);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE IF NOT EXISTS " + SqlIdentifiers.quote(schema));
      statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (TASK_NAME varchar(128) NOT NULL,"
          + " TABLE_OWNER varchar(128) NOT NULL, TABLE_NAME varchar(128) NOT NULL,"
          + " FAILURE_TIME datetime(3) NOT NULL, KEY_TYPE varchar(128) NOT NULL,"
          + " `KEY` longtext NOT NULL, FAILURE_TYPE varchar(128) NOT NULL,"
          + " DETAILS varchar(8000) NOT NULL) CHARACTER SET utf8mb4");
    }
    connection.setAutoCommit(false);
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
        + " VALUES (?, ?, ?, ?, 'Row', ?, ?, ?)")) {
      for (ValidationFailure failure : failures) {
        insert.setString(1, failure.taskName());
        insert.setString(2, failure.tableOwner());
        insert.setString(3, failure.tableName());
        insert.setString(4, MySqlValueFormatter.format(failure.failureTime(), LoadDataColumn.TEXT));
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

  /** Binds canonical values from {@code first} on. */
  static void bind(PreparedStatement statement, int first, List<Object> values)
      throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      set(statement, first + i, values.get(i));
    }
  }

  /**
   * Numbers bind as numbers (a string compared with an integer column is compared as a double,
   * which loses precision beyond 2^53), bytes as bytes, the rest as MySQL's text of the value.
   */
  private static void set(PreparedStatement statement, int index, Object value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else if (value instanceof Boolean bool) {
      statement.setInt(index, bool ? 1 : 0);
    } else if (value instanceof Short || value instanceof Integer || value instanceof Long) {
      statement.setLong(index, ((Number) value).longValue());
    } else if (value instanceof BigInteger || value instanceof BigDecimal) {
      statement.setBigDecimal(index, value instanceof BigInteger big
          ? new BigDecimal(big) : (BigDecimal) value);
    } else if (value instanceof byte[] bytes) {
      statement.setBytes(index, bytes);
    } else {
      statement.setString(index, MySqlValueFormatter.format(value, LoadDataColumn.TEXT));
    }
  }
}
