package io.opendms.connector.postgres;

import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Catalog questions a target asks about its own database. Runs on the caller's connection and
 * thread; the connection must have {@code search_path = pg_catalog}, so type names print qualified
 * exactly as the source's discovery prints them.
 */
final class TargetCatalog {

  /**
   * One existing target column.
   *
   * @param nativeType {@code format_type} of the column
   * @param binarySafe whether binary COPY data from another database can be read into it: not when
   *     the binary form embeds type OIDs that are the database's own (arrays of user-defined types,
   *     user-defined composites)
   */
  record TargetColumn(String nativeType, boolean binarySafe) {}

  /** The first OID PostgreSQL gives to objects created after initdb. */
  private static final String FIRST_NORMAL_OID = "16384::oid";

  private static final String TABLE =
      "SELECT c.oid::int8 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')";

  private static final String COLUMNS =
      "SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
          + " NOT ((t.typtype = 'c' AND t.oid >= "
          + FIRST_NORMAL_OID
          + ")"
          + "   OR (t.typcategory = 'A' AND t.typelem >= "
          + FIRST_NORMAL_OID
          + "))"
          + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
          + " WHERE a.attrelid = ?::oid AND a.attnum > 0 AND NOT a.attisdropped";

  private static final String HAS_PRIMARY_KEY =
      "SELECT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = ?::oid AND indisprimary)";

  private static final String TYPE_EXISTS =
      "SELECT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
          + " WHERE n.nspname = ? AND t.typname = ?)";

  private static final String SCHEMA_EXISTS =
      "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)";

  private final Connection connection;

  TargetCatalog(Connection connection) {
    this.connection = connection;
  }

  /** The OID of the ordinary or partitioned table, if it exists. */
  OptionalLong tableOid(TableId table) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(TABLE)) {
      statement.setString(1, table.schema());
      statement.setString(2, table.name());
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  Map<String, TargetColumn> columns(long tableOid) throws SQLException {
    Map<String, TargetColumn> columns = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
      statement.setLong(1, tableOid);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.put(rows.getString(1), new TargetColumn(rows.getString(2), rows.getBoolean(3)));
        }
      }
    }
    return columns;
  }

  boolean hasPrimaryKey(long tableOid) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(HAS_PRIMARY_KEY)) {
      statement.setLong(1, tableOid);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    }
  }

  boolean typeExists(String schema, String name) throws SQLException {
    return exists(TYPE_EXISTS, schema, name);
  }

  /**
   * Whether the schema exists. Asked before {@code CREATE SCHEMA IF NOT EXISTS}, which demands
   * CREATE on the database even when the schema is there: a user allowed to write into existing
   * schemas only must still be able to prepare tables.
   */
  boolean schemaExists(String schema) throws SQLException {
    return exists(SCHEMA_EXISTS, schema);
  }

  private boolean exists(String query, String... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    }
  }
}
