package io.opendms.connector.mysql;

import io.opendms.spi.schema.ForeignKey;
import io.opendms.spi.schema.IdentityCounter;
import io.opendms.spi.schema.IndexDefinition;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.TableSchema;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The MySQL side of {@link io.opendms.spi.schema.SchemaObjectTarget}, with the statements of
 * {@link MySqlSchemaDialect}, in the databases the target connector puts tables in. InnoDB builds
 * an index added to a loaded table in place, by sorting, which is faster than maintaining it
 * row by row during LOAD DATA. AUTO_INCREMENT must sit on a key, so with CreatePkAfterFullLoad it
 * is left out (and reported). Confined to the target connector's coordinating thread.
 */
final class MySqlSchemaObjects {

  private final MySqlTargetConnector target;
  private final Connection connection;
  private final MySqlErrors errors;

  MySqlSchemaObjects(MySqlTargetConnector target, Connection connection, MySqlErrors errors) {
    this.target = target;
    this.connection = connection;
    this.errors = errors;
  }

  List<SkippedObject> prepare(TableSchema table, TablePreparation preparation) {
    List<SkippedObject> skipped = new ArrayList<>();
    Map<String, String> clauses = new java.util.HashMap<>(
        MySqlSchemaDialect.columnClauses(table, skipped));
    if (preparation.createPrimaryKeyAfterLoad()) {
      clauses.entrySet().removeIf(clause -> {
        boolean counter = clause.getValue().equals(" AUTO_INCREMENT");
        if (counter) {
          skipped.add(new SkippedObject("identity", table.table().id() + "." + clause.getKey(),
              "AUTO_INCREMENT needs the primary key, which CreatePkAfterFullLoad creates only"
                  + " after the load: add it by hand"));
        }
        return counter;
      });
    }
    target.prepare(targetTable(table.table()), preparation, clauses);
    return skipped;
  }

  List<SkippedObject> createIndexes(TableSchema table) {
    List<SkippedObject> skipped = new ArrayList<>();
    TargetTable definition = targetTable(table.table());
    TableId id = target.targetId(definition.id());
    for (IndexDefinition index : table.indexes()) {
      String name = table.table().id() + "." + index.name();
      String problem = MySqlSchemaDialect.unindexable(definition, index);
      if (problem != null) {
        skipped.add(new SkippedObject("index", name, problem));
      } else {
        run(MySqlSchemaDialect.indexStatement(id, index), "index", name, skipped);
      }
    }
    return skipped;
  }

  List<SkippedObject> createForeignKeys(TableSchema table) {
    List<SkippedObject> skipped = new ArrayList<>();
    TableId id = target.targetId(table.table().id());
    for (ForeignKey key : table.foreignKeys()) {
      String name = table.table().id() + "." + key.name();
      String problem = MySqlSchemaDialect.foreignKeyProblem(key);
      if (problem != null) {
        skipped.add(new SkippedObject("foreign key", name, problem));
      } else {
        run(MySqlSchemaDialect.foreignKeyStatement(id, key,
            target.targetId(key.referencedTable())), "foreign key", name, skipped);
      }
    }
    return skipped;
  }

  /** Sets {@code AUTO_INCREMENT} to the larger of the source's and one past the largest row. */
  OptionalLong syncCounter(IdentityCounter counter) {
    TableId id = target.targetId(counter.table());
    try {
      if (!isAutoIncrement(id, counter.column())) {
        return OptionalLong.empty();
      }
      long next = counter.nextValue();
      try (Statement statement = connection.createStatement()) {
        try (ResultSet row = statement.executeQuery("SELECT COALESCE(MAX("
            + SqlIdentifiers.quote(counter.column()) + "), 0) + 1 FROM "
            + SqlIdentifiers.qualified(id))) {
          row.next();
          next = Math.max(next, row.getLong(1));
        }
        statement.execute("ALTER TABLE " + SqlIdentifiers.qualified(id) + " AUTO_INCREMENT = "
            + next);
      }
      return OptionalLong.of(next);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot set the AUTO_INCREMENT of column " + counter.column(), id);
    }
  }

  private boolean isAutoIncrement(TableId id, String column) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM"
        + " information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
        + " AND COLUMN_NAME = ? AND EXTRA LIKE '%auto_increment%'")) {
      query.setString(1, id.schema());
      query.setString(2, id.name());
      query.setString(3, column);
      try (ResultSet row = query.executeQuery()) {
        return row.next();
      }
    }
  }

  private static TargetTable targetTable(TableDefinition table) {
    return new TargetTable(table.id(), table.engine(), table.columns(), table.primaryKey());
  }

  private void run(String sql, String kind, String name, List<SkippedObject> skipped) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
        throw errors.translate(e, "cannot create " + kind + " " + name, null);
      }
      skipped.add(new SkippedObject(kind, name, "the target refused " + sql + ": "
          + e.getMessage().replace('\n', ' ')));
    }
  }
}
