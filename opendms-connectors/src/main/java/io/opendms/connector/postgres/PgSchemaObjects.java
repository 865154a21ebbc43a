package io.opendms.connector.postgres;

import io.opendms.spi.schema.ForeignKey;
import io.opendms.spi.schema.IdentityCounter;
import io.opendms.spi.schema.IndexDefinition;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.StandaloneSequence;
import io.opendms.spi.schema.TableSchema;
import io.opendms.spi.table.TableDefinition;
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
 * The PostgreSQL side of {@link io.opendms.spi.schema.SchemaObjectTarget}, with the statements of
 * {@link PostgresSchemaDialect}: indexes are built after the load with CREATE INDEX (one sort of
 * the loaded rows instead of index maintenance per row). Each object runs on its own in autocommit,
 * so one the server refuses is reported and the others are still created; a lost connection
 * throws. Confined to the target connector's coordinating thread and connection.
 */
final class PgSchemaObjects {

  private final Connection connection;
  private final TargetCatalog catalog;
  private final PostgresErrors errors;

  PgSchemaObjects(Connection connection, TargetCatalog catalog, PostgresErrors errors) {
    this.connection = connection;
    this.catalog = catalog;
    this.errors = errors;
  }

  List<SkippedObject> prepare(TableSchema table, TablePreparation preparation) {
    List<SkippedObject> skipped = new ArrayList<>();
    Map<String, String> clauses = PostgresSchemaDialect.columnClauses(table, skipped);
    new TablePreparer(connection, catalog, errors)
        .prepare(targetTable(table.table()), preparation, clauses);
    return skipped;
  }

  List<SkippedObject> createIndexes(TableSchema table) {
    List<SkippedObject> skipped = new ArrayList<>();
    for (IndexDefinition index : table.indexes()) {
      run(PostgresSchemaDialect.indexStatement(table.table(), index), "index",
          table.table().id() + "." + index.name(), skipped);
    }
    return skipped;
  }

  List<SkippedObject> createForeignKeys(TableSchema table) {
    List<SkippedObject> skipped = new ArrayList<>();
    for (ForeignKey key : table.foreignKeys()) {
      run(PostgresSchemaDialect.foreignKeyStatement(table.table().id(), key), "foreign key",
          table.table().id() + "." + key.name(), skipped);
    }
    return skipped;
  }

  /**
   * {@code setval(..., false)}: the next {@code nextval} returns exactly the value set, the
   * larger of the source's next value and one past the largest stored value.
   */
  OptionalLong syncCounter(IdentityCounter counter) {
    String table = SqlNames.qualified(counter.table());
    try (PreparedStatement find = connection.prepareStatement(
        "SELECT pg_get_serial_sequence(?, ?)")) {
      find.setString(1, table);
      find.setString(2, counter.column());
      String sequence;
      try (ResultSet row = find.executeQuery()) {
        row.next();
        sequence = row.getString(1);
      }
      if (sequence == null) {
        return OptionalLong.empty();
      }
      try (PreparedStatement set = connection.prepareStatement("SELECT setval(?::regclass,"
          + " GREATEST(?, (SELECT COALESCE(max(" + SqlNames.quote(counter.column()) + "), 0) + 1"
          + " FROM " + table + ")), false)")) {
        set.setString(1, sequence);
        set.setLong(2, counter.nextValue());
        try (ResultSet row = set.executeQuery()) {
          row.next();
          return OptionalLong.of(row.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw errors.translate(e, "cannot set the counter of column " + counter.column(),
          counter.table());
    }
  }

  /**
   * Creates a missing sequence like the source's, then moves it to the source's next value unless
   * it is already past it (for a descending sequence: below it).
   */
  OptionalLong syncSequence(StandaloneSequence sequence) {
    String name = SqlNames.qualified(sequence.name());
    String furthest = sequence.increment() > 0 ? "GREATEST" : "LEAST";
    try (Statement statement = connection.createStatement()) {
      statement.execute(TableDdl.createSchema(sequence.name().schema()));
      statement.execute("CREATE SEQUENCE IF NOT EXISTS " + name + " INCREMENT BY "
          + sequence.increment() + " MINVALUE " + sequence.minValue() + " MAXVALUE "
          + sequence.maxValue() + " START WITH " + sequence.start()
          + (sequence.cycle() ? " CYCLE" : " NO CYCLE"));
      try (PreparedStatement set = connection.prepareStatement("SELECT setval(c.oid, " + furthest
          + "(?, COALESCE(pg_sequence_last_value(c.oid) + s.seqincrement, s.seqstart)), false)"
          + " FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid"
          + " WHERE c.oid = ?::regclass")) {
        set.setLong(1, sequence.nextValue());
        set.setString(2, name);
        try (ResultSet row = set.executeQuery()) {
          row.next();
          return OptionalLong.of(row.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw errors.translate(e, "cannot set sequence " + sequence.name(), null);
    }
  }

  static TargetTable targetTable(TableDefinition table) {
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
