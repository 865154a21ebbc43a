package io.opendms.connector.redis;

import io.opendms.spi.stream.StreamEnvelope;
import io.opendms.spi.table.Column;
import io.opendms.spi.target.TargetTable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DMS's Redis layout of a row: the key {@code schema.table.pk1[.pk2...]} (the streaming targets'
 * partition key with schema and table) and a hash of the row's columns as text, written the way
 * DMS's messages write values; a NULL column has no field. Thread-safe.
 */
final class RedisRows {
  /** Only the key and the text of values are used; the message options do not matter. */
  private final StreamEnvelope envelope = new StreamEnvelope(new StreamEnvelope.Options(false,
      false, false, true, false, false, Optional.empty()), Clock.systemUTC());

  String key(TargetTable table, List<Object> row) {
    return envelope.key(table, row);
  }

  /** The non-null columns of {@code row}, except those at {@code unchanged} positions. */
  Map<String, String> fields(TargetTable table, List<Object> row, List<Integer> unchanged) {
    List<Column> columns = table.columns();
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      if (row.get(i) != null && !unchanged.contains(i)) {
        fields.put(columns.get(i).name(), envelope.text(row.get(i)));
      }
    }
    return fields;
  }

  /** The names of the NULL columns of {@code row} that the source did send. */
  List<String> nullFields(TargetTable table, List<Object> row, List<Integer> unchanged) {
    List<Column> columns = table.columns();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (row.get(i) == null && !unchanged.contains(i)) {
        names.add(columns.get(i).name());
      }
    }
    return names;
  }

  /** The glob matching every key of {@code table}, its special characters escaped. */
  static String tablePattern(TargetTable table) {
    String prefix = table.id().schema() + "." + table.id().name() + ".";
    return prefix.replaceAll("([\\\\*?\\[\\]])", "\\\\$1") + "*";
  }
}
