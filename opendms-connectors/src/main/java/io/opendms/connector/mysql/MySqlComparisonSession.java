package io.opendms.connector.mysql;

import io.opendms.spi.data.RowConsumer;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.validation.ComparisonSession;
import io.opendms.spi.validation.DigestText;
import io.opendms.spi.validation.KeyList;
import io.opendms.spi.validation.KeySpan;
import io.opendms.spi.validation.TextCollation;
import io.opendms.spi.validation.PartitionDigest;
import io.opendms.spi.validation.ValidationFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Compares MySQL/MariaDB tables over one autocommit connection: digests and split keys are
 * aggregate queries, so matching rows never leave the server; rows are decoded by {@link
 * MySqlValueReader} as the full load decodes them. Confined to one thread.
 */
final class MySqlComparisonSession implements ComparisonSession {

  private final MySqlErrors errors;
  private final Connection connection;

  private MySqlComparisonSession(MySqlErrors errors, Connection connection) {
    this.errors = errors;
    this.connection = connection;
  }

  static MySqlComparisonSession open(EndpointConfig endpoint, MySqlSettings settings,
      MySqlErrors errors) {
    try {
      return new MySqlComparisonSession(errors, MySqlConnections.open(endpoint, settings));
    } catch (SQLException e) {
      throw errors.translate(e, "cannot open a comparison connection", null);
    }
  }

  @Override
  public String dialect() {
    return "mysql";
  }

  @Override
  public boolean hasCanonicalText(Column column) {
    return MySqlComparisonText.canonical(column) != null;
  }

  /**
   * Without text key columns, steps through the clustered key ({@code LIMIT n, 1} from the last
   * cut); text keys, ordered by their bytes, which no index serves, are numbered in one sort.
   */
  @Override
  public List<List<Object>> splitKeys(TableId table, List<Column> key, int rowsPerRange) {
    StringJoiner order = new StringJoiner(", ");
    StringJoiner select = new StringJoiner(", ");
    StringJoiner outer = new StringJoiner(", ");
    boolean collated = false;
    for (int i = 0; i < key.size(); i++) {
      String ordered = MySqlComparisonText.ordered(key.get(i));
      collated |= !ordered.equals(SqlIdentifiers.quote(key.get(i).name()));
      order.add(ordered);
      select.add(MySqlSelect.expression(key.get(i)) + " AS k" + i);
      outer.add("k" + i);
    }
    var reader = new MySqlValueReader(key);
    try {
      if (collated) {
        return cuts(reader, "SELECT " + outer + " FROM (SELECT " + select
            + ", ROW_NUMBER() OVER (ORDER BY " + order + ") AS opendms_n FROM "
            + SqlIdentifiers.qualified(table) + ") AS numbered WHERE opendms_n % " + rowsPerRange
            + " = 1 AND opendms_n > 1 ORDER BY opendms_n", null);
      }
      return KeySpan.stepThrough(table, key, rest -> {
        try {
          List<List<Object>> next = cuts(reader, "SELECT " + select + " FROM "
              + SqlIdentifiers.qualified(table) + where(rest) + " ORDER BY " + order + " LIMIT "
              + rowsPerRange + ", 1", rest);
          return next.isEmpty() ? null : next.get(0);
        } catch (SQLException e) {
          throw errors.translate(e, "cannot split by key", table);
        }
      });
    } catch (SQLException e) {
      throw errors.translate(e, "cannot split by key", table);
    }
  }

  private List<List<Object>> cuts(MySqlValueReader reader, String sql, KeySpan span)
      throws SQLException {
    var keys = new ArrayList<List<Object>>();
    try (PreparedStatement statement = span == null ? connection.prepareStatement(sql)
        : prepare(sql, span); ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        keys.add(List.of(reader.read(rows)));
      }
    }
    return keys;
  }

  @Override
  public PartitionDigest digest(KeySpan span, List<Column> columns, DigestText text) {
    String hash = text == DigestText.NATIVE
        ? MySqlComparisonText.nativeDigest(columns)
        : MySqlComparisonText.canonicalDigest(columns);
    String sql = "SELECT COUNT(*), " + hash + " FROM " + SqlIdentifiers.qualified(span.table())
        + where(span);
    try (PreparedStatement statement = prepare(sql, span);
        ResultSet row = statement.executeQuery()) {
      row.next();
      return new PartitionDigest(row.getLong(1), row.getString(2));
    } catch (SQLException e) {
      throw errors.translate(e, "cannot digest " + span, span.table());
    }
  }

  @Override
  public void read(KeySpan span, List<Column> columns, RowConsumer consumer) {
    read(span.table(), columns, where(span), span.parameters(), consumer, span.toString());
  }

  @Override
  public void readKeys(KeyList keys, List<Column> columns, RowConsumer consumer) {
    List<Column> key = keys.key();
    String condition = " WHERE "
        + keys.condition(i -> SqlIdentifiers.quote(key.get(i).name()), i -> "?");
    read(keys.table(), columns, condition, keys.parameters(), consumer, keys.toString());
  }

  private void read(TableId table, List<Column> columns, String where, List<Object> parameters,
      RowConsumer consumer, String what) {
    StringJoiner select = new StringJoiner(", ");
    columns.forEach(column -> select.add(MySqlSelect.expression(column)));
    String sql = "SELECT " + select + " FROM " + SqlIdentifiers.qualified(table) + where;
    var reader = new MySqlValueReader(columns);
    try (PreparedStatement statement = prepare(sql, parameters)) {
      statement.setFetchSize(1000); // streams instead of buffering a whole-table span
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          consumer.accept(reader.read(rows));
        }
      }
    } catch (SQLException e) {
      throw errors.translate(e, "cannot read " + what, table);
    } catch (MySqlValueReader.ColumnException e) {
      throw errors.failure("cannot decode column " + columns.get(e.column()).name(), table,
          e.getMessage(), e);
    }
  }

  @Override
  public List<TextCollation> collations(TableId table, List<Column> columns) {
    String sql = "SELECT COLUMN_NAME, COLLATION_NAME FROM information_schema.COLUMNS"
        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLLATION_NAME IS NOT NULL";
    var byName = new java.util.HashMap<String, TextCollation>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, table.schema());
      statement.setString(2, table.name());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          byName.put(rows.getString(1).toLowerCase(java.util.Locale.ROOT),
              MySqlCollations.of(rows.getString(2)));
        }
      }
    } catch (SQLException e) {
      throw errors.translate(e, "cannot read the collations", table);
    }
    return columns.stream().map(c -> byName.getOrDefault(
        c.name().toLowerCase(java.util.Locale.ROOT), TextCollation.EXACT)).toList();
  }

  @Override
  public long repair(TableId table, List<Column> columns, List<Column> key, List<Object[]> rows,
      List<List<Object>> deleteKeys) {
    try {
      return new MySqlRowRepair(connection).repair(table, columns, key, rows, deleteKeys);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot repair", table);
    } catch (IllegalArgumentException e) {
      throw errors.failure("cannot repair", table, e.getMessage(), e);
    }
  }

  @Override
  public void recordFailures(String controlSchema, List<ValidationFailure> failures) {
    try {
      new MySqlRowRepair(connection).recordFailures(controlSchema, failures);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot record validation failures", null);
    }
  }

  @Override
  public void close() {
    MySqlConnections.closeQuietly(connection);
  }

  private static String where(KeySpan span) {
    List<Column> key = span.key();
    return " WHERE " + span.condition(i -> MySqlComparisonText.ordered(key.get(i)), i -> "?");
  }

  private PreparedStatement prepare(String sql, KeySpan span) throws SQLException {
    return prepare(sql, span.parameters());
  }

  private PreparedStatement prepare(String sql, List<Object> parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      MySqlRowRepair.bind(statement, 1, parameters);
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }
}
