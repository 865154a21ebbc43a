package io.opendms.connector.postgres;

import io.opendms.spi.data.RowConsumer;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.validation.ComparisonSession;
import io.opendms.spi.validation.DigestText;
import io.opendms.spi.validation.KeyList;
import io.opendms.spi.validation.KeySpan;
import io.opendms.spi.validation.TextCollation;
import io.opendms.spi.validation.PartitionDigest;
import io.opendms.spi.validation.ValidationFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares PostgreSQL tables over one autocommit connection: digests and split keys are single
 * aggregate queries, so matching rows never leave the server. Values travel as text both ways
 * (bound as text cast to the column's type, read back with {@link TextValueParser}). Confined to
 * one thread.
 */
final class PostgresComparisonSession implements ComparisonSession {

  /** SQLSTATE undefined_function: a column type has no extended hash function. */
  private static final String UNDEFINED_FUNCTION = "42883";
  private static final int FETCH_ROWS = 2000;
  private static final Logger log = LoggerFactory.getLogger(PostgresComparisonSession.class);

  private final PostgresErrors errors;
  private final Connection connection;
  /** Tables whose native digest hashes the row's text because a type has no binary hash. */
  private final Set<TableId> hashedAsText = new HashSet<>();

  private PostgresComparisonSession(PostgresErrors errors, Connection connection) {
    this.errors = errors;
    this.connection = connection;
  }

  static PostgresComparisonSession open(PostgresErrors errors) {
    try {
      return new PostgresComparisonSession(errors, PostgresConnections.open(errors.endpoint()));
    } catch (SQLException e) {
      throw errors.translate(e, "cannot open a comparison connection", null);
    }
  }

  @Override
  public String dialect() {
    return "postgres";
  }

  @Override
  public boolean hasCanonicalText(Column column) {
    return PgComparisonText.canonical(column) != null;
  }

  /**
   * Without text key columns, steps through the key's index ({@code OFFSET n LIMIT 1} from the
   * last cut): no sort, a fraction of the table's index read per step. Text keys are ordered by
   * code point, which the index (in the column's collation) cannot serve, so they are numbered
   * in one sort instead.
   */
  @Override
  public List<List<Object>> splitKeys(TableId table, List<Column> key, int rowsPerRange) {
    StringJoiner order = new StringJoiner(", ");
    key.forEach(column -> order.add(PgComparisonText.ordered(column)));
    String columns = SqlNames.columnList(PgComparisonText.names(key));
    boolean collated = key.stream()
        .anyMatch(c -> !PgComparisonText.ordered(c).equals(SqlNames.quote(c.name())));
    try {
      if (collated) {
        return cuts(table, key, "SELECT " + columns + " FROM (SELECT " + columns
            + ", row_number() OVER (ORDER BY " + order + ") AS opendms_n FROM "
            + SqlNames.qualified(table) + ") AS numbered WHERE opendms_n % " + rowsPerRange
            + " = 1 AND opendms_n > 1 ORDER BY opendms_n", null);
      }
      return KeySpan.stepThrough(table, key, rest -> {
        try {
          List<List<Object>> next = cuts(table, key, "SELECT " + columns + " FROM "
              + SqlNames.qualified(table) + where(rest) + " ORDER BY " + order + " OFFSET "
              + rowsPerRange + " LIMIT 1", rest);
          return next.isEmpty() ? null : next.get(0);
        } catch (SQLException e) {
          throw errors.translate(e, "cannot split by key", table);
        }
      });
    } catch (SQLException e) {
      throw errors.translate(e, "cannot split by key", table);
    }
  }

  private List<List<Object>> cuts(TableId table, List<Column> key, String sql, KeySpan span)
      throws SQLException {
    var keys = new ArrayList<List<Object>>();
    try (PreparedStatement statement = span == null ? connection.prepareStatement(sql)
        : prepare(sql, span); ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        keys.add(List.of(decode(table, key, rows)));
      }
    }
    return keys;
  }

  @Override
  public PartitionDigest digest(KeySpan span, List<Column> columns, DigestText text) {
    if (text == DigestText.NATIVE && !hashedAsText.contains(span.table())) {
      try {
        return digest(span, PgComparisonText.nativeDigest(columns));
      } catch (SQLException e) {
        if (!UNDEFINED_FUNCTION.equals(e.getSQLState())) {
          throw errors.translate(e, "cannot digest " + span, span.table());
        }
        hashedAsText.add(span.table());
      }
    }
    try {
      return digest(span, text == DigestText.NATIVE
          ? PgComparisonText.nativeTextDigest(columns)
          : PgComparisonText.canonicalDigest(columns));
    } catch (SQLException e) {
      throw errors.translate(e, "cannot digest " + span, span.table());
    }
  }

  /**
   * One pass over the spans' rows: each row's span is found by {@code width_bucket} over the inner
   * bounds (a binary search in the key's own order, text by code point as {@link #where} orders
   * it), and the spans are summed by one hash aggregate, with the same row hash {@link #digest}
   * sums. Spans of a single-column key only; composite keys, and a query the database refuses (a
   * key type without an ordering, a column type without a native hash), are digested span by span.
   */
  @Override
  public List<PartitionDigest> digests(List<KeySpan> spans, List<Column> columns,
      DigestText text) {
    KeySpan first = spans.get(0);
    KeySpan last = spans.get(spans.size() - 1);
    if (spans.size() == 1 || first.key().size() != 1 || !RangeDigests.consecutive(spans)) {
      return ComparisonSession.super.digests(spans, columns, text);
    }
    String hash = text == DigestText.CANONICAL ? PgComparisonText.canonicalDigest(columns)
        : hashedAsText.contains(first.table()) ? PgComparisonText.nativeTextDigest(columns)
        : PgComparisonText.nativeDigest(columns);
    KeySpan whole = new KeySpan(first.table(), first.key(), first.lower(), last.upper());
    try {
      return RangeDigests.query(connection, spans, hash, where(whole), whole.parameters());
    } catch (SQLException | IllegalArgumentException e) {
      log.debug("{}: digesting span by span: {}", whole, e.getMessage());
      return ComparisonSession.super.digests(spans, columns, text);
    }
  }

  private PartitionDigest digest(KeySpan span, String hash) throws SQLException {
    String sql = "SELECT count(*), " + hash + " FROM " + SqlNames.qualified(span.table())
        + where(span);
    try (PreparedStatement statement = prepare(sql, span); ResultSet row = statement.executeQuery()) {
      row.next();
      return new PartitionDigest(row.getLong(1), row.getString(2));
    }
  }

  @Override
  public void read(KeySpan span, List<Column> columns, RowConsumer consumer) {
    read(span.table(), columns, where(span), span.parameters(), consumer, span.toString());
  }

  @Override
  public void readKeys(KeyList keys, List<Column> columns, RowConsumer consumer) {
    List<Column> key = keys.key();
    String condition = " WHERE " + keys.condition(i -> SqlNames.quote(key.get(i).name()),
        i -> PgComparisonText.parameter(key.get(i)));
    read(keys.table(), columns, condition, keys.parameters(), consumer, keys.toString());
  }

  private void read(TableId table, List<Column> columns, String where, List<Object> parameters,
      RowConsumer consumer, String what) {
    StringJoiner select = new StringJoiner(", ");
    columns.forEach(column -> select.add(PgComparisonText.readable(column)));
    String sql = "SELECT " + select + " FROM " + SqlNames.qualified(table) + where;
    try {
      // a cursor (fetch size) needs a transaction: a whole-table span may be large
      connection.setAutoCommit(false);
      try (PreparedStatement statement = prepare(sql, parameters)) {
        statement.setFetchSize(FETCH_ROWS);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            consumer.accept(decode(table, columns, rows));
          }
        }
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw errors.translate(e, "cannot read " + what, table);
    }
  }

  /**
   * Deterministic collations (every one but ICU's nondeterministic ones) tell every code point
   * apart; {@code character(n)} ignores trailing spaces.
   */
  @Override
  public List<TextCollation> collations(TableId table, List<Column> columns) {
    // to_jsonb: the ICU locale's column was renamed between releases (colliculocale, colllocale)
    String sql = "SELECT a.attname, t.typname, coalesce(c.collname, ''),"
        + " coalesce(c.collisdeterministic, true), coalesce(to_jsonb(c) ->> 'colliculocale',"
        + " to_jsonb(c) ->> 'colllocale', c.collcollate, '') FROM pg_attribute a"
        + " JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_collation c ON c.oid = a.attcollation"
        + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped";
    var byName = new java.util.HashMap<String, TextCollation>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, SqlNames.qualified(table));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String locale = rows.getString(5);
          boolean level1 = !rows.getBoolean(4) && locale.contains("level1");
          boolean level2 = !rows.getBoolean(4) && locale.contains("level2");
          byName.put(rows.getString(1), new TextCollation(rows.getString(3), level1 || level2,
              level1, rows.getString(2).equals("bpchar")));
        }
      }
    } catch (SQLException e) {
      throw errors.translate(e, "cannot read the collations", table);
    }
    return columns.stream().map(c -> byName.getOrDefault(c.name(), TextCollation.EXACT)).toList();
  }

  @Override
  public long repair(TableId table, List<Column> columns, List<Column> key, List<Object[]> rows,
      List<List<Object>> deleteKeys) {
    try {
      return new PgRowRepair(connection).repair(table, columns, key, rows, deleteKeys);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot repair", table);
    } catch (IllegalArgumentException e) {
      throw errors.failure("cannot repair", table, e.getMessage(), e);
    }
  }

  @Override
  public void recordFailures(String controlSchema, List<ValidationFailure> failures) {
    try {
      new PgRowRepair(connection).recordFailures(controlSchema, failures);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot record validation failures", null);
    }
  }

  @Override
  public void close() {
    PostgresConnections.closeQuietly(connection);
  }

  private static String where(KeySpan span) {
    List<Column> key = span.key();
    return " WHERE " + span.condition(i -> PgComparisonText.ordered(key.get(i)),
        i -> PgComparisonText.parameter(key.get(i)));
  }

  private PreparedStatement prepare(String sql, KeySpan span) throws SQLException {
    return prepare(sql, span.parameters());
  }

  private PreparedStatement prepare(String sql, List<Object> parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      PgRowRepair.bind(statement, 1, parameters);
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private Object[] decode(TableId table, List<Column> columns, ResultSet row) throws SQLException {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      String text = row.getString(i + 1);
      if (text != null) {
        try {
          values[i] = TextValueParser.parse(ValueKind.of(columns.get(i)), text);
        } catch (RuntimeException e) {
          throw errors.failure("cannot decode column " + columns.get(i).name(), table,
              e.toString(), e);
        }
      }
    }
    return values;
  }

  static void setText(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, TextValueFormatter.format(value));
    }
  }
}
