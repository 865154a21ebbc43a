package io.opendms.connector.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks up and caches {@code pg_type} rows and enum labels over one connection, and resolves
 * domains to their base types. A domain column is described by its base type so that a target can
 * create it without the domain (the domain's constraint is not carried). Confined to the thread
 * that owns the connection; lives for one discovery.
 */
final class PgTypeCatalog {

  private static final String TYPE_QUERY =
      "SELECT t.oid, t.typname, n.nspname, t.typtype, t.typcategory, t.typelem, t.typbasetype,"
          + " t.typtypmod, t.typarray FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
          + " WHERE t.oid = ?::oid";
  private static final String ENUM_QUERY =
      "SELECT enumlabel FROM pg_enum WHERE enumtypid = ?::oid ORDER BY enumsortorder";
  private static final String FORMAT_QUERY = "SELECT format_type(?::oid, ?::int4)";

  private final Connection connection;
  private final Map<Long, PgType> types = new HashMap<>();
  private final Map<Long, List<String>> labels = new HashMap<>();

  PgTypeCatalog(Connection connection) {
    this.connection = connection;
  }

  /**
   * The column type of an attribute.
   *
   * @param oid {@code atttypid}
   * @param typmod {@code atttypmod}
   * @param formatted {@code format_type(atttypid, atttypmod)}, used as is unless a domain is
   *     involved
   */
  PgColumnType resolve(long oid, int typmod, String formatted) throws SQLException {
    PgType type = type(oid);
    int modifier = typmod;
    boolean replaced = false;
    while (type.isDomain()) {
      modifier = modifier == -1 ? type.baseTypmod() : modifier;
      type = type(type.baseOid());
      replaced = true;
    }
    PgType element = null;
    if (type.isArray()) {
      element = type(type.elementOid());
      if (element.isDomain()) {
        while (element.isDomain()) {
          modifier = modifier == -1 ? element.baseTypmod() : modifier;
          element = type(element.baseOid());
        }
        type = type(element.arrayOid());
        replaced = true;
      }
    }
    PgType labelled = element != null ? element : type;
    return new PgColumnType(
        type,
        modifier,
        element,
        replaced ? format(type.oid(), modifier) : formatted,
        labelled.isEnum() ? enumLabels(labelled.oid()) : List.of());
  }

  PgType type(long oid) throws SQLException {
    PgType cached = types.get(oid);
    if (cached != null) {
      return cached;
    }
    try (PreparedStatement statement = connection.prepareStatement(TYPE_QUERY)) {
      statement.setLong(1, oid);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          throw new SQLException("type OID " + oid + " is not in pg_type");
        }
        PgType type =
            new PgType(
                row.getLong(1),
                row.getString(2),
                row.getString(3),
                row.getString(4).charAt(0),
                row.getString(5).charAt(0),
                row.getLong(6),
                row.getLong(7),
                row.getInt(8),
                row.getLong(9));
        types.put(oid, type);
        return type;
      }
    }
  }

  private List<String> enumLabels(long oid) throws SQLException {
    List<String> cached = labels.get(oid);
    if (cached != null) {
      return cached;
    }
    List<String> result = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(ENUM_QUERY)) {
      statement.setLong(1, oid);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          result.add(rows.getString(1));
        }
      }
    }
    labels.put(oid, List.copyOf(result));
    return result;
  }

  String format(long oid, int typmod) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(FORMAT_QUERY)) {
      statement.setLong(1, oid);
      statement.setInt(2, typmod);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }
  }
}
