package io.opendms.connector.postgres;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeEvent;
import io.opendms.spi.change.Commit;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.RowChange.Operation;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes messages of the {@code pgoutput} plugin, protocol version 1, into change events: Begin,
 * Commit, Relation (remembered; a {@link SchemaChange} when a captured table's columns changed), Insert, Update, Delete, Truncate; Origin and Type
 * carry nothing we need. Tuple data is text, which {@link TextValueParser} turns into canonical
 * values by the column types discovery found. Tables not in the selection are skipped. Confined to
 * the capture thread.
 */
final class PgOutputDecoder {

  /** PostgreSQL timestamps count microseconds from 2000-01-01 UTC. */
  private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

  private final Map<TableId, TableDefinition> selected = new HashMap<>();
  private final Map<Integer, RelationLayout> relations = new HashMap<>();
  private final PostgresErrors errors;
  private final RelationChanges changes;
  private long xid;

  /** @param changes tells how a captured table's shape changed when a Relation says it did */
  PgOutputDecoder(List<TableDefinition> tables, PostgresErrors errors, RelationChanges changes) {
    tables.forEach(t -> selected.put(t.id(), t));
    this.errors = errors;
    this.changes = changes;
  }

  /** The event the message stands for, or null for messages that carry none for us. */
  ChangeEvent decode(ByteBuffer message) {
    byte type = message.get();
    return switch (type) {
      case 'B' -> begin(message);
      case 'C' -> commit(message);
      case 'R' -> relation(message);
      case 'I' -> insert(message);
      case 'U' -> update(message);
      case 'D' -> delete(message);
      case 'T' -> truncate(message);
      case 'M' -> message(message);
      case 'O', 'Y' -> null;
      default -> throw errors.failure(
          "cannot decode the change stream", null, "unknown pgoutput message '" + (char) type + "'", null);
    };
  }

  private Begin begin(ByteBuffer message) {
    message.getLong(); // final LSN: the commit record's start; the Commit message says the same
    Instant commitTime = timestamp(message.getLong());
    xid = Integer.toUnsignedLong(message.getInt());
    return new Begin(xid, commitTime);
  }

  private Commit commit(ByteBuffer message) {
    message.get(); // flags, unused
    message.getLong(); // commit LSN: a restart from it would stream this transaction again
    PgLsn end = new PgLsn(message.getLong());
    return new Commit(xid, end, timestamp(message.getLong()));
  }

  /**
   * Remembers how the relation's tuples are laid out; for a captured table whose columns changed
   * since it was last described, returns the {@link SchemaChange} and decodes its tuples in the
   * new columns from now on.
   */
  private ChangeEvent relation(ByteBuffer message) {
    int oid = message.getInt();
    TableId id = new TableId(string(message), string(message));
    message.get(); // replica identity setting
    int count = message.getShort();
    List<RelationChanges.Described> described = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      message.get(); // flags: part of the key
      described.add(new RelationChanges.Described(string(message),
          Integer.toUnsignedLong(message.getInt()), message.getInt()));
    }
    TableDefinition table = selected.get(id);
    if (table == null) {
      relations.put(oid, RelationLayout.SKIPPED);
      return null;
    }
    SchemaChange change = changes.compare(oid, table, described).orElse(null);
    if (change != null) {
      table = RelationChanges.after(table, change);
      selected.put(id, table);
    }
    List<String> names = described.stream().map(RelationChanges.Described::name).toList();
    relations.put(oid, RelationLayout.of(table, names, errors));
    return change;
  }

  /** A logical message: {@link DropTableTrigger}'s drop of a captured table, else nothing. */
  private SchemaChange message(ByteBuffer message) {
    message.get(); // flags: transactional
    message.getLong(); // the message's LSN
    String prefix = string(message);
    byte[] content = new byte[message.getInt()];
    message.get(content);
    // a table created again under the name is another table: it is not captured
    return DropTableTrigger.dropped(prefix, content).filter(t -> selected.remove(t) != null)
        .map(table -> SchemaChange.dropped(table, Optional.of("DROP TABLE " + SqlNames.qualified(table))))
        .orElse(null);
  }

  private RowChange insert(ByteBuffer message) {
    RelationLayout layout = layout(message.getInt());
    message.get(); // 'N'
    Object[] after = layout.readTuple(message, null);
    return layout.skipped() ? null : RowChange.of(layout.id(), Operation.INSERT, null, after, List.of());
  }

  private RowChange update(ByteBuffer message) {
    RelationLayout layout = layout(message.getInt());
    byte kind = message.get();
    Object[] before = null;
    if (kind == 'K' || kind == 'O') {
      before = layout.readTuple(message, null);
      kind = message.get();
    }
    List<Integer> unchanged = new ArrayList<>(0);
    Object[] after = layout.readTuple(message, unchanged);
    if (layout.skipped()) {
      return null;
    }
    if (before != null && !unchanged.isEmpty()) {
      // REPLICA IDENTITY FULL sends the whole old row: unchanged TOAST values are in it
      for (int column : unchanged) {
        after[column] = before[column];
      }
      unchanged.clear();
    }
    return RowChange.of(layout.id(), Operation.UPDATE, before, after, unchanged);
  }

  private RowChange delete(ByteBuffer message) {
    RelationLayout layout = layout(message.getInt());
    message.get(); // 'K' or 'O'
    Object[] before = layout.readTuple(message, null);
    return layout.skipped() ? null : RowChange.of(layout.id(), Operation.DELETE, before, null, List.of());
  }

  private Truncate truncate(ByteBuffer message) {
    int count = message.getInt();
    byte options = message.get();
    List<TableId> tables = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      RelationLayout layout = layout(message.getInt());
      if (!layout.skipped()) {
        tables.add(layout.id());
      }
    }
    return tables.isEmpty() ? null : new Truncate(tables, (options & 2) != 0);
  }

  private RelationLayout layout(int oid) {
    RelationLayout layout = relations.get(oid);
    if (layout == null) {
      throw errors.failure("cannot decode the change stream", null,
          "a change names relation " + oid + " before its Relation message", null);
    }
    return layout;
  }

  static String string(ByteBuffer message) {
    int start = message.position();
    int end = start;
    while (message.get(end) != 0) {
      end++;
    }
    String text = new String(message.array(), message.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
    message.position(end + 1);
    return text;
  }

  static Instant timestamp(long micros) {
    return Instant.ofEpochSecond(
        POSTGRES_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
