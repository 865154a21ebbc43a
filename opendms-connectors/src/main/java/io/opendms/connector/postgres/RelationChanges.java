package io.opendms.connector.postgres;

import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a pgoutput Relation message that describes a captured table differently from before into
 * the table's new definition and the {@link SchemaChange} between the two. pgoutput sends a
 * Relation again, before the table's next change, whenever its shape changed; it names the
 * columns and their types but not what happened. Columns kept by name are compared by type; a
 * column that went and one that came are told apart from a rename by their attribute number
 * ({@code pg_attribute.attnum}, which a rename keeps), read from the catalog when the table was
 * first described in this stream and again now. The catalog may be ahead of the stream (a
 * later DDL already committed): a name the catalog no longer has counts as dropped and added.
 * Confined to the capture thread.
 */
final class RelationChanges {
  private static final String ATTRIBUTES = "SELECT attname, attnum FROM pg_attribute"
      + " WHERE attrelid = ?::oid AND attnum > 0 AND NOT attisdropped";

  /** One column as a Relation message describes it. */
  record Described(String name, long typeOid, int typmod) {}

  private final Supplier<Connection> catalog;
  private final PostgresErrors errors;
  private final Map<Integer, List<Described>> lastDescribed = new HashMap<>();
  private final Map<Integer, Map<String, Integer>> lastAttributes = new HashMap<>();
  private PgTypeCatalog types;

  /** @param catalog an ordinary connection to the source database, opened when first needed */
  RelationChanges(Supplier<Connection> catalog, PostgresErrors errors) {
    this.catalog = catalog;
    this.errors = errors;
  }

  /**
   * The change a Relation message shows for {@code table}, or empty when it describes the table as
   * before. The first description of a table in a stream is compared by column names with
   * discovery's (types as discovery saw them).
   */
  Optional<SchemaChange> compare(int oid, TableDefinition table, List<Described> described) {
    List<Described> last = lastDescribed.put(oid, described);
    List<String> names = described.stream().map(Described::name).toList();
    boolean sameNames = names.equals(table.columns().stream().map(Column::name).toList());
    try {
      if (last == null) {
        lastAttributes.put(oid, attributes(oid));
        if (sameNames) {
          return Optional.empty();
        }
      } else if (sameNames && last.equals(described)) {
        return Optional.empty();
      }
      Map<String, Integer> before = lastAttributes.get(oid);
      Map<String, Integer> now = attributes(oid);
      lastAttributes.put(oid, now);
      List<Column> columns = resolve(table, described);
      return Optional.of(SchemaChange.altered(table.id(), table.columns(), columns,
          renames(before, now), Optional.empty()));
    } catch (SQLException e) {
      throw errors.translate(e, "cannot read the new definition of a captured table", table.id());
    }
  }

  /** The new columns in canonical types; nullability is kept from before (new ones: nullable). */
  private List<Column> resolve(TableDefinition table, List<Described> described) throws SQLException {
    if (types == null) {
      types = new PgTypeCatalog(catalog.get());
    }
    List<Column> columns = new ArrayList<>();
    for (Described column : described) {
      PgColumnType type = types.resolve(column.typeOid(), column.typmod(),
          types.format(column.typeOid(), column.typmod()));
      boolean nullable = table.column(column.name()).map(Column::nullable).orElse(true);
      columns.add(new Column(column.name(), PostgresTypeMapper.dataType(type), nullable,
          type.nativeType(), type.enumLabels()));
    }
    return columns;
  }

  /** The renames attribute numbers show: a name gone and one come with the same attnum. */
  static Map<String, String> renames(Map<String, Integer> before, Map<String, Integer> now) {
    Map<String, String> renames = new HashMap<>();
    if (before == null) {
      return renames;
    }
    before.forEach((old, attnum) -> {
      if (!now.containsKey(old)) {
        now.entrySet().stream()
            .filter(e -> e.getValue().equals(attnum) && !before.containsKey(e.getKey()))
            .findFirst().ifPresent(e -> renames.put(old, e.getKey()));
      }
    });
    return renames;
  }

  private Map<String, Integer> attributes(int oid) throws SQLException {
    Map<String, Integer> attributes = new HashMap<>();
    try (PreparedStatement statement = catalog.get().prepareStatement(ATTRIBUTES)) {
      statement.setLong(1, Integer.toUnsignedLong(oid));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          attributes.put(rows.getString(1), rows.getInt(2));
        }
      }
    }
    return attributes;
  }

  /** The table after {@code change}. */
  static TableDefinition after(TableDefinition table, SchemaChange change) {
    return new TableDefinition(table.id(), table.engine(), change.columns(),
        change.keyAfter(table.primaryKey()), table.estimatedRows(), table.estimatedBytes());
  }
}
