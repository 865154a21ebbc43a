package io.opendms.connector.postgres;

import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
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
 * ({@code pg_attribute.attnum}, which a rename keeps and which is never reused): the numbers of
 * the captured tables' columns are read when the capture is opened and followed from one
 * description to the next; a new name's number is read from the catalog when it first appears. The catalog
 * may be ahead of the stream (the column renamed again since): a name it no longer has counts as
 * a column dropped and one added. Confined to the capture thread.
 */
final class RelationChanges {
  private static final String ATTRIBUTES = "SELECT attname, attnum FROM pg_attribute"
      + " WHERE attrelid = ?::oid AND attnum > 0 AND NOT attisdropped";
  private static final String TABLE_ATTRIBUTES = "SELECT attname, attnum FROM pg_attribute"
      + " WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped";

  /** One column as a Relation message describes it. */
  record Described(String name, long typeOid, int typmod) {}

  private final Supplier<Connection> catalog;
  private final PostgresErrors errors;
  private final Map<Integer, List<Described>> lastDescribed = new HashMap<>();
  /** The attribute number of each known column of each captured table. */
  private final Map<TableId, Map<String, Integer>> attributes = new HashMap<>();
  private PgTypeCatalog types;

  /**
   * @param catalog an ordinary connection to the source database, opened when first needed
   * @param attributes the attribute numbers of the captured tables' columns when the stream's
   *     start position was taken ({@link #attributeNumbers})
   */
  RelationChanges(Supplier<Connection> catalog, PostgresErrors errors,
      Map<TableId, Map<String, Integer>> attributes) {
    this.catalog = catalog;
    this.errors = errors;
    this.attributes.putAll(attributes);
  }

  /** The attribute number of each column of each table, as the catalog says now. */
  static Map<TableId, Map<String, Integer>> attributeNumbers(Connection connection,
      List<TableDefinition> tables) throws SQLException {
    Map<TableId, Map<String, Integer>> numbers = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(TABLE_ATTRIBUTES)) {
      for (TableDefinition table : tables) {
        statement.setString(1, SqlNames.qualified(table.id()));
        numbers.put(table.id(), read(statement));
      }
    }
    return numbers;
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
    if (sameNames && (last == null || last.equals(described))) {
      return Optional.empty();
    }
    try {
      Map<String, Integer> known = attributes.getOrDefault(table.id(), Map.of());
      Map<String, Integer> now;
      try (PreparedStatement statement = catalog.get().prepareStatement(ATTRIBUTES)) {
        statement.setLong(1, Integer.toUnsignedLong(oid));
        now = read(statement);
      }
      Map<String, String> renames = renames(known, names, now);
      Map<String, Integer> next = new HashMap<>();
      for (String name : names) {
        String was = renames.entrySet().stream().filter(e -> e.getValue().equals(name))
            .map(Map.Entry::getKey).findFirst().orElse(name);
        Integer attnum = known.containsKey(was) ? known.get(was) : now.get(name);
        if (attnum != null) {
          next.put(name, attnum);
        }
      }
      attributes.put(table.id(), next);
      return Optional.of(SchemaChange.altered(table.id(), table.columns(), resolve(table, described),
          renames, Optional.empty()));
    } catch (SQLException e) {
      throw errors.translate(e, "cannot read the new definition of a captured table", table.id());
    }
  }

  /**
   * The renames attribute numbers show: a known column gone from the description whose number a
   * new name now has.
   */
  static Map<String, String> renames(Map<String, Integer> known, List<String> names,
      Map<String, Integer> now) {
    Map<String, String> renames = new HashMap<>();
    for (String name : names) {
      Integer attnum = now.get(name);
      if (known.containsKey(name) || attnum == null) {
        continue;
      }
      known.entrySet().stream()
          .filter(e -> e.getValue().equals(attnum) && !names.contains(e.getKey()))
          .findFirst().ifPresent(e -> renames.put(e.getKey(), name));
    }
    return renames;
  }

  private static Map<String, Integer> read(PreparedStatement statement) throws SQLException {
    Map<String, Integer> attributes = new HashMap<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        attributes.put(rows.getString(1), rows.getInt(2));
      }
    }
    return attributes;
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

  /** The table after {@code change}. */
  static TableDefinition after(TableDefinition table, SchemaChange change) {
    return new TableDefinition(table.id(), table.engine(), change.columns(),
        change.keyAfter(table.primaryKey()), table.estimatedRows(), table.estimatedBytes());
  }
}
