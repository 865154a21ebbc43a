package io.opendms.connector.mysql;

import io.opendms.spi.change.NetChanges;
import io.opendms.spi.change.NetChanges.Net;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.table.TableId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Batch-optimized apply to MySQL (DMS {@code BatchApplyEnabled}): keeps the net change per key of
 * each table ({@link NetChanges}), checks the keys' expected existence against the target (a
 * {@code SELECT COUNT(*) ... WHERE (key) IN (...)} per chunk), then writes each table as {@code
 * DELETE ... WHERE (key) IN (...)}, multi-row {@code INSERT ... ON DUPLICATE KEY UPDATE} of the
 * keys that exist and multi-row {@code INSERT} of the new ones, in chunks. Only keyed tables and changes carrying every value can be netted; the caller applies the
 * others statement by statement after {@link #flush()}. Confined to the apply thread.
 */
final class MySqlNetChangeApply {

  /** Rows per multi-row statement: a few hundred amortise the round trip, far below max_allowed_packet. */
  private static final int ROWS_PER_STATEMENT = 500;
  private static final int MAX_PLACEHOLDERS = 65_535;

  private final MySqlStatementApply statements;
  private final Map<TableId, MySqlApplySql> tables;
  private final NetChanges pending = new NetChanges();
  private TableId current;

  MySqlNetChangeApply(MySqlStatementApply statements, Map<TableId, MySqlApplySql> tables) {
    this.statements = statements;
    this.tables = tables;
  }

  /** Whether the change can be netted: a keyed table and no value left out (PostgreSQL TOAST). */
  boolean accepts(RowChange change) {
    return tables.get(change.table()).hasKey() && change.unchanged().isEmpty();
  }

  void add(RowChange change) {
    pending.add(change, tables.get(change.table()).keyColumns());
  }

  int size() {
    return pending.size();
  }

  /**
   * Writes the held net changes: per table its deletions, then its upserts.
   *
   * @throws MySqlMissingRowException when a key's target row exists against the expectation
   */
  void flush() throws SQLException {
    if (pending.size() == 0) {
      return;
    }
    statements.flush();
    for (var table : pending.drain().entrySet()) {
      current = table.getKey();
      MySqlApplySql sql = tables.get(table.getKey());
      List<List<Object>> deletes = new ArrayList<>();
      List<List<Object>> updates = new ArrayList<>();
      List<List<Object>> inserts = new ArrayList<>();
      List<List<Object>> existing = new ArrayList<>();
      List<List<Object>> absent = new ArrayList<>();
      for (Net net : table.getValue().values()) {
        (net.delete() ? deletes : net.expectedToExist() ? updates : inserts).add(net.row());
        (net.expectedToExist() ? existing : absent).add(net.row());
      }
      if (count(sql, existing) != existing.size() || count(sql, absent) != 0) {
        // a duplicate INSERT or an UPDATE/DELETE of a missing row: the caller replays the
        // batch's changes one by one and the error policy decides about each
        throw new MySqlMissingRowException("net changes of " + table.getKey()
            + " expect target rows that are missing, or insert keys that exist");
      }
      // new keys go in with a plain INSERT, checked absent above: an upsert would update another
      // row that holds one of their unique values; a key that exists is upserted, and an update
      // that takes another row's unique value fails there as it should
      write(sql, deletes, Write.DELETE);
      write(sql, updates, Write.UPSERT);
      write(sql, inserts, Write.INSERT);
    }
    current = null;
  }

  /** Forgets held changes after the transaction was rolled back. */
  void discard() {
    pending.clear();
    current = null;
  }

  /** The table being written when a flush fails, for the error message. */
  TableId currentTable() {
    return current;
  }

  private long count(MySqlApplySql sql, List<List<Object>> rows) throws SQLException {
    long found = 0;
    for (List<List<Object>> chunk : chunks(rows, sql.keyColumns().size())) {
      PreparedStatement statement = statements.prepared(sql.countKeys(chunk.size()));
      bindAll(sql, statement, chunk, sql.keyColumns());
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        found += result.getLong(1);
      }
      forgetOddSized(sql.countKeys(chunk.size()), chunk.size(), sql.keyColumns().size());
    }
    return found;
  }

  private enum Write { DELETE, UPSERT, INSERT }

  private void write(MySqlApplySql sql, List<List<Object>> rows, Write write) throws SQLException {
    List<Integer> columns = write == Write.DELETE ? sql.keyColumns() : sql.allColumns();
    for (List<List<Object>> chunk : chunks(rows, columns.size())) {
      String text = write == Write.DELETE ? sql.deleteKeys(chunk.size())
          : write == Write.UPSERT ? sql.upsert(chunk.size()) : sql.insert(chunk.size());
      PreparedStatement statement = statements.prepared(text);
      bindAll(sql, statement, chunk, columns);
      statement.executeUpdate();
      forgetOddSized(text, chunk.size(), columns.size());
    }
  }

  private static void bindAll(MySqlApplySql sql, PreparedStatement statement, List<List<Object>> rows,
      List<Integer> columns) throws SQLException {
    int parameter = 1;
    for (List<Object> row : rows) {
      parameter = sql.bind(statement, parameter, row, columns);
    }
  }

  /** Chunks of at most 500 rows, and at most 65,535 placeholders (a server-side statement's limit). */
  private static List<List<List<Object>>> chunks(List<List<Object>> rows, int columns) {
    int size = rowsPerStatement(columns);
    List<List<List<Object>>> chunks = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += size) {
      chunks.add(rows.subList(from, Math.min(rows.size(), from + size)));
    }
    return chunks;
  }

  private static int rowsPerStatement(int columns) {
    return Math.max(1, Math.min(ROWS_PER_STATEMENT, MAX_PLACEHOLDERS / columns));
  }

  /** The last, odd-sized chunk's SQL is rarely seen again. */
  private void forgetOddSized(String sql, int rows, int columns) {
    if (rows != rowsPerStatement(columns)) {
      statements.forget(sql);
    }
  }
}
