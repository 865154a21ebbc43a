package io.opendms.connector.postgres;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where each column of a pgoutput Relation lands in the discovered table's column order, and how
 * its text is parsed. Built when a Relation message arrives (again after DDL); immutable.
 */
final class RelationLayout {

  /** A relation outside the selection: its tuples are read past and dropped. */
  static final RelationLayout SKIPPED = new RelationLayout(null, new int[0], new ValueKind[0], null);

  private final TableDefinition table;
  private final int[] target;
  private final ValueKind[] kinds;
  private final PostgresErrors errors;

  private RelationLayout(TableDefinition table, int[] target, ValueKind[] kinds, PostgresErrors errors) {
    this.table = table;
    this.target = target;
    this.kinds = kinds;
    this.errors = errors;
  }

  /**
   * Maps the relation's column names onto the table's columns (as discovered, or as the last
   * {@link io.opendms.spi.change.SchemaChange} left them). A column the table lacks would put
   * values in the wrong columns, so it fails and says so.
   */
  static RelationLayout of(TableDefinition table, List<String> names, PostgresErrors errors) {
    int[] target = new int[names.size()];
    ValueKind[] kinds = new ValueKind[names.size()];
    List<Column> columns = table.columns();
    for (int i = 0; i < names.size(); i++) {
      target[i] = -1;
      for (int c = 0; c < columns.size(); c++) {
        if (columns.get(c).name().equals(names.get(i))) {
          target[i] = c;
          kinds[i] = ValueKind.of(columns.get(c));
        }
      }
      if (target[i] < 0) {
        throw errors.failure("cannot replicate", table.id(), "column " + names.get(i)
            + " is not in the table's description", null);
      }
    }
    return new RelationLayout(table, target, kinds, errors);
  }

  boolean skipped() {
    return table == null;
  }

  TableId id() {
    return table.id();
  }

  /**
   * Reads one TupleData into an array in discovered column order (columns the relation lacks stay
   * null). {@code unchanged}, when given, collects the positions of unchanged TOAST values.
   */
  Object[] readTuple(ByteBuffer message, List<Integer> unchanged) {
    int count = message.getShort();
    Object[] values = skipped() ? null : new Object[table.columns().size()];
    for (int i = 0; i < count; i++) {
      byte kind = message.get();
      if (kind == 'n') {
        continue;
      }
      if (kind == 'u') {
        if (unchanged != null && !skipped()) {
          unchanged.add(target[i]);
        }
        continue;
      }
      int length = message.getInt();
      if (skipped()) {
        message.position(message.position() + length);
        continue;
      }
      String text = new String(message.array(), message.arrayOffset() + message.position(), length,
          StandardCharsets.UTF_8);
      message.position(message.position() + length);
      values[target[i]] = parse(i, text);
    }
    return values;
  }

  private Object parse(int i, String text) {
    try {
      return TextValueParser.parse(kinds[i], text);
    } catch (RuntimeException e) {
      Column column = table.columns().get(target[i]);
      throw errors.failure("cannot decode column " + column.name() + " (" + column.nativeType()
          + ") of a change", table.id(), e.toString(), e);
    }
  }
}
