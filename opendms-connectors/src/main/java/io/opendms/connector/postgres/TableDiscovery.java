package io.opendms.connector.postgres;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads table definitions from the catalog: ordinary and partitioned tables of every non-system
 * schema, with columns in attnum order, primary key in key order and size estimates. Partitions of
 * a partitioned table are not listed on their own: reading the parent reads them. Confined to the
 * caller's thread; the connection must have {@code search_path = pg_catalog} so that {@code
 * format_type} qualifies every user type.
 */
final class TableDiscovery {

  private static final Logger LOG = LoggerFactory.getLogger(TableDiscovery.class);

  private static final String TABLES =
      "SELECT c.oid, n.nspname, c.relname, c.relkind,"
          + " CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(greatest(l.reltuples, 0)), 0)"
          + "   FROM pg_partition_tree(c.oid) t JOIN pg_class l ON l.oid = t.relid WHERE t.isleaf)"
          + "   ELSE greatest(c.reltuples, 0) END::int8,"
          + " CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(pg_relation_size(t.relid)), 0)"
          + "   FROM pg_partition_tree(c.oid) t WHERE t.isleaf)"
          + "   ELSE pg_relation_size(c.oid) END::int8"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
          + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

  private static final String COLUMNS =
      "SELECT a.attrelid::int8, a.attname, a.attnotnull, a.atttypid::int8, a.atttypmod,"
          + " format_type(a.atttypid, a.atttypmod)"
          + " FROM pg_attribute a WHERE a.attrelid = ANY (?::oid[])"
          + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum";

  private static final String PRIMARY_KEYS =
      "SELECT i.indrelid::int8, a.attname FROM pg_index i"
          + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord)"
          + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
          + " WHERE i.indisprimary AND i.indrelid = ANY (?::oid[]) ORDER BY i.indrelid, k.ord";

  private final Connection connection;

  TableDiscovery(Connection connection) {
    this.connection = connection;
  }

  /** The wanted tables, ordered by {@link TableId}. */
  List<TableDefinition> discover(Predicate<TableId> wanted) throws SQLException {
    Map<Long, TableFacts> tables = wantedTables(wanted);
    if (tables.isEmpty()) {
      return List.of();
    }
    Array oids = connection.createArrayOf("int8", tables.keySet().toArray());
    Map<Long, List<Column>> columns = columns(oids);
    Map<Long, List<String>> keys = primaryKeys(oids);
    List<TableDefinition> definitions = new ArrayList<>();
    tables.forEach(
        (oid, facts) -> {
          List<Column> tableColumns = columns.getOrDefault(oid, List.of());
          if (tableColumns.isEmpty()) {
            // a table without columns holds nothing a target could store
            LOG.warn("skipping table {}: it has no columns", facts.id());
            return;
          }
          definitions.add(
              new TableDefinition(
                  facts.id(),
                  PostgresEngine.NAME,
                  tableColumns,
                  keys.getOrDefault(oid, List.of()),
                  facts.rows(),
                  facts.bytes()));
        });
    definitions.sort((a, b) -> a.id().compareTo(b.id()));
    return definitions;
  }

  private record TableFacts(TableId id, long rows, long bytes) {}

  private Map<Long, TableFacts> wantedTables(Predicate<TableId> wanted) throws SQLException {
    Map<Long, TableFacts> tables = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(TABLES)) {
      while (rows.next()) {
        TableId id = new TableId(rows.getString(2), rows.getString(3));
        if (wanted.test(id)) {
          tables.put(rows.getLong(1), new TableFacts(id, rows.getLong(5), rows.getLong(6)));
        }
      }
    }
    return tables;
  }

  private record Attribute(
      long table, String name, boolean notNull, long typeOid, int typmod, String formatted) {}

  private Map<Long, List<Column>> columns(Array oids) throws SQLException {
    List<Attribute> attributes = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
      statement.setArray(1, oids);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          attributes.add(
              new Attribute(
                  rows.getLong(1),
                  rows.getString(2),
                  rows.getBoolean(3),
                  rows.getLong(4),
                  rows.getInt(5),
                  rows.getString(6)));
        }
      }
    }
    // resolved after the result set is closed: the type catalog queries the same connection
    PgTypeCatalog types = new PgTypeCatalog(connection);
    Map<Long, List<Column>> columns = new HashMap<>();
    for (Attribute attribute : attributes) {
      PgColumnType type =
          types.resolve(attribute.typeOid(), attribute.typmod(), attribute.formatted());
      Column column =
          new Column(
              attribute.name(),
              PostgresTypeMapper.dataType(type),
              !attribute.notNull(),
              type.nativeType(),
              type.enumLabels());
      columns.computeIfAbsent(attribute.table(), oid -> new ArrayList<>()).add(column);
    }
    return columns;
  }

  private Map<Long, List<String>> primaryKeys(Array oids) throws SQLException {
    Map<Long, List<String>> keys = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(PRIMARY_KEYS)) {
      statement.setArray(1, oids);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.computeIfAbsent(rows.getLong(1), oid -> new ArrayList<>()).add(rows.getString(2));
        }
      }
    }
    return keys;
  }
}
