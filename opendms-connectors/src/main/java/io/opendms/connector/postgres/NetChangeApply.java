package io.opendms.connector.postgres;

import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.RowChange.Operation;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Batch-optimized apply (DMS {@code BatchApplyEnabled}): keeps the net change per primary key of
 * each table (the last row image, or a delete), then writes each table with one COPY into a
 * temporary staging table, one {@code DELETE ... USING} and one {@code INSERT ... ON CONFLICT DO
 * UPDATE}. Each key has a single final state, so the order of those two statements does not
 * matter. Only tables with a primary key, and changes carrying every value, can be netted; the
 * caller applies the others row by row after {@link #flush()}. Confined to the apply thread.
 */
final class NetChangeApply {

  private static final char UPSERT = 'U';
  private static final char DELETE = 'D';

  private static final char EXISTS = 'E';
  private static final char ABSENT = 'A';

  /**
   * The final state of one key and whether the batch's first change of it expects the target row
   * to exist (UPDATE, DELETE) or not (INSERT, the new key of a key update).
   */
  private record Net(char operation, List<Object> row, char expect) {}

  private final Connection connection;
  private final CopyManager copy;
  private final Map<TableId, ApplyStatements> tables;
  private final Map<TableId, Map<List<Object>, Net>> pending = new LinkedHashMap<>();
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
    ApplyStatements sql = tables.get(change.table());
    Map<List<Object>, Net> rows = pending.computeIfAbsent(change.table(), t -> new LinkedHashMap<>());
    List<Object> oldKey = change.operation() == Operation.INSERT ? null : key(sql, change.identity());
    if (change.operation() == Operation.DELETE) {
      put(rows, oldKey, new Net(DELETE, change.identity(), EXISTS));
      return;
    }
    List<Object> newKey = key(sql, change.after());
    if (oldKey != null && !oldKey.equals(newKey)) {
      put(rows, oldKey, new Net(DELETE, change.identity(), EXISTS));
    }
    put(rows, newKey, new Net(UPSERT, change.after(),
        change.operation() == Operation.UPDATE && newKey.equals(oldKey) ? EXISTS : ABSENT));
  }

  /** Stores the key's new final state, keeping what the batch's first change of it expected. */
  private static void put(Map<List<Object>, Net> rows, List<Object> key, Net net) {
    Net earlier = rows.get(key);
    rows.put(key, earlier == null ? net : new Net(net.operation(), net.row(), earlier.expect()));
  }

  /** Number of rows held. */
  int size() {
    return pending.values().stream().mapToInt(Map::size).sum();
  }

  /** Writes every held net change; returns how many. */
  long flush() throws SQLException {
    long written = 0;
    for (var entry : pending.entrySet()) {
      current = entry.getKey();
      written += write(tables.get(entry.getKey()), entry.getValue());
    }
    pending.clear();
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
        line[line.length - 2] = String.valueOf(net.operation());
        line[line.length - 1] = String.valueOf(net.expect());
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

  /** Key values comparable by equals: byte arrays as hex. */
  private static List<Object> key(ApplyStatements sql, List<Object> row) {
    List<Object> key = new ArrayList<>(sql.keyColumns().size());
    for (int i : sql.keyColumns()) {
      Object value = row.get(i);
      key.add(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value);
    }
    return key;
  }
}
