package io.opendms.connector.postgres;

import io.opendms.spi.schema.IdentityCounter;
import io.opendms.spi.schema.StandaloneSequence;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads where the sequences behind identity, serial and {@code nextval} default columns stand,
 * and the sequences no column owns.
 * {@code pg_sequence_last_value} is null until the sequence was first used; then the next value
 * is its start. Confined to the caller's thread.
 */
final class PgCounterReader {

  private static final String QUERY = "SELECT n.nspname, c.relname, a.attname, s.seqstart,"
      + " s.seqincrement, pg_sequence_last_value(s.seqrelid)"
      + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
      + " JOIN pg_namespace n ON n.oid = c.relnamespace"
      + " JOIN pg_sequence s ON s.seqrelid = COALESCE("
      // identity and owned (serial) sequences
      + "pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname)::regclass,"
      // a nextval default on a sequence the column does not own
      + " (SELECT d.refobjid FROM pg_attrdef ad JOIN pg_depend d"
      + " ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid"
      + " AND d.refclassid = 'pg_class'::regclass JOIN pg_sequence q ON q.seqrelid = d.refobjid"
      + " WHERE ad.adrelid = a.attrelid AND ad.adnum = a.attnum LIMIT 1))"
      + " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
      + " AND (a.attidentity <> '' OR a.atthasdef)"
      + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2, a.attnum";

  private final Connection connection;

  PgCounterReader(Connection connection) {
    this.connection = connection;
  }

  List<IdentityCounter> read(Predicate<TableId> wanted) throws SQLException {
    List<IdentityCounter> counters = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(QUERY)) {
      while (rows.next()) {
        TableId id = new TableId(rows.getString(1), rows.getString(2));
        if (!wanted.test(id)) {
          continue;
        }
        long last = rows.getLong(6);
        long next = rows.wasNull() ? rows.getLong(4) : last + rows.getLong(5);
        counters.add(new IdentityCounter(id, rows.getString(3), next));
      }
    }
    return counters;
  }

  /** Sequences of {@code schemas} that no column owns (neither identity nor serial). */
  List<StandaloneSequence> standalone(Set<String> schemas) throws SQLException {
    List<StandaloneSequence> sequences = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT n.nspname, c.relname,"
        + " s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle,"
        + " pg_sequence_last_value(c.oid) FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY (?)"
        + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
        + " AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass"
        + " AND d.deptype IN ('a', 'i')) ORDER BY 1, 2")) {
      query.setArray(1, connection.createArrayOf("text", schemas.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          long last = rows.getLong(8);
          long next = rows.wasNull() ? rows.getLong(3) : last + rows.getLong(4);
          sequences.add(new StandaloneSequence(new TableId(rows.getString(1), rows.getString(2)),
              rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6),
              rows.getBoolean(7), next));
        }
      }
    }
    return sequences;
  }
}
