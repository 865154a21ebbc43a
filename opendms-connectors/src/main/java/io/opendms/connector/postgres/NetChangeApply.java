package io.opendms.connector.postgres;

import io.opendms.spi.change.NetChanges;
import io.opendms.spi.change.NetChanges.Net;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Batch-optimized apply (DMS {@code BatchApplyEnabled}): keeps the net change per primary key of
 * each table ({@link NetChanges}: the last row image, or a delete), checks the keys' expected
 * existence against the target, then writes each table with one COPY into a
 * temporary staging table, one {@code DELETE ... USING} and one {@code INSERT ... ON CONFLICT DO
 * UPDATE}. Each key has a single final state, so the order of those two statements does not
 * matter. Only tables with a primary key, and changes carrying every value, can be netted; the
 * caller applies the others row by row after {@link #flush()}. Confined to the apply thread.
 */
final class NetChangeApply {

  private final Connection connection;
  private final CopyManager copy;
  private final Map<TableId, ApplyStatements> tables;
  private final NetChanges pending = new NetChanges();
  private final Map<TableId, String> staging = new LinkedHashMap<>();
  private final CopyTextEncoder encoder = new CopyTextEncoder();
  private TableId current;
  private int stagingSerial;

  NetChangeApply(Connection connection, Map<TableId, ApplyStatements> tables) throws SQLException {
    this.connection = connection;
    this.copy = PostgresConnections.copyManager(connection);
    this.tables = tables;
  }

  /** Whether the change can be netted: a keyed table and no value left out. */
  boolean accepts(RowChange change) {
    return tables.get(change.table()).hasKey() && change.unchanged().isEmpty();
  }

  void add(RowChange change) {
    pending.add(change, tables.get(change.table()).keyColumns());
  }

  /** Number of rows held. */
  int size() {
    return pending.size();
  }

  /** Writes every held net change; returns how many. */
  long flush() throws SQLException {
    long written = 0;
    for (var entry : pending.drain().entrySet()) {
      current = entry.getKey();
      written += write(tables.get(entry.getKey()), entry.getValue());
    }
    current = null;
    return written;
  }

  /**
   * Forgets held changes and staging tables after the transaction was rolled back: a staging table
   * created in it is gone; one created earlier stays unused (new ones get new names).
   */
  void discard() {
    pending.clear();
    staging.clear();
    current = null;
  }

  /** Forgets the staging table of {@code table}, whose columns a DDL changed. */
  void forget(TableId table) {
    staging.remove(table);
  }

  /** The table being written when a flush fails, for the error message. */
  TableId currentTable() {
    return current;
  }

  private long write(ApplyStatements sql, Map<List<Object>, Net> rows) throws SQLException {
    if (rows.isEmpty()) {
      return 0;
    }
    String stage = staging(sql);
    CopyIn in = copy.copyIn("COPY " + stage + " FROM STDIN (FORMAT text)");
    try {
      Object[] line = new Object[sql.table().columns().size() + 2];
      for (Net net : rows.values()) {
        for (int i = 0; i < line.length - 2; i++) {
          line[i] = net.row().get(i);
        }
        line[line.length - 2] = net.delete() ? "D" : "U";
        line[line.length - 1] = net.expectedToExist() ? "E" : "A";
        byte[] bytes = encoder.encode(line);
        in.writeToCopy(bytes, 0, bytes.length);
      }
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
    try (Statement statement = connection.createStatement()) {
      try (ResultSet unexpected = statement.executeQuery(unexpectedRows(sql, stage))) {
        if (unexpected.next()) {
          // a duplicate INSERT or an UPDATE/DELETE of a missing row: the caller replays the
          // batch's changes one by one and the error policy decides about each
          throw new MissingRowException("net changes of " + sql.table().id()
              + " expect target rows that are missing, or insert keys that exist");
        }
      }
      statement.execute(deleteUsing(sql, stage));
      statement.execute(upsert(sql, stage));
      statement.execute("TRUNCATE " + stage);
    }
    return rows.size();
  }

  /** A temporary table of the target's columns (without NOT NULL: deletes carry keys only). */
  private String staging(ApplyStatements sql) throws SQLException {
    String name = staging.get(sql.table().id());
    if (name == null) {
      name = SqlNames.quote("opendms_stage_" + ++stagingSerial);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TEMP TABLE " + name + " AS SELECT " + sql.columnList()
            + ", ''::text AS opendms_op, ''::text AS opendms_expect FROM " + SqlNames.qualified(sql.table().id()) + " WITH NO DATA");
      }
      staging.put(sql.table().id(), name);
    }
    return name;
  }

  /** A query returning a row when a staged key's target row exists against the expectation. */
  private static String unexpectedRows(ApplyStatements sql, String stage) {
    StringJoiner on = new StringJoiner(" AND ");
    for (int i : sql.keyColumns()) {
      on.add("t." + sql.name(i) + " = s." + sql.name(i));
    }
    return "SELECT 1 FROM " + stage + " s WHERE (s.opendms_expect = 'E') <> EXISTS (SELECT 1 FROM "
        + SqlNames.qualified(sql.table().id()) + " t WHERE " + on + ") LIMIT 1";
  }

  private static String deleteUsing(ApplyStatements sql, String stage) {
    StringJoiner on = new StringJoiner(" AND ");
    for (int i : sql.keyColumns()) {
      on.add("t." + sql.name(i) + " = s." + sql.name(i));
    }
    return "DELETE FROM " + SqlNames.qualified(sql.table().id()) + " t USING " + stage
        + " s WHERE s.opendms_op = 'D' AND " + on;
  }

  private static String upsert(ApplyStatements sql, String stage) {
    StringJoiner keys = new StringJoiner(", ");
    sql.keyColumns().forEach(i -> keys.add(sql.name(i)));
    StringJoiner set = new StringJoiner(", ");
    for (int i = 0; i < sql.table().columns().size(); i++) {
      if (!sql.keyColumns().contains(i)) {
        set.add(sql.name(i) + " = EXCLUDED." + sql.name(i));
      }
    }
    String onConflict = set.length() == 0 ? "DO NOTHING" : "DO UPDATE SET " + set;
    return "INSERT INTO " + SqlNames.qualified(sql.table().id()) + " (" + sql.columnList() + ") SELECT "
        + sql.columnList() + " FROM " + stage + " WHERE opendms_op = 'U' ON CONFLICT (" + keys + ") "
        + onConflict;
  }
}
