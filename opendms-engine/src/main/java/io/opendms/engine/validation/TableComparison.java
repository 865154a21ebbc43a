package io.opendms.engine.validation;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.validation.DigestText;
import java.util.List;
import java.util.Objects;

/**
 * How one table is compared: which columns on each side, the key, and which digest (none: every
 * row is compared decoded).
 *
 * @param source the source table
 * @param target the target table
 * @param columns the compared columns, key columns first, in source order otherwise
 * @param keySize how many of {@code columns} form the primary key
 * @param digest the digest both sides compute, or null when the table is compared row by row
 * @param method how it is compared, for the report ({@code digest native}, or why rows)
 */
record TableComparison(
    TableId source, TableId target, List<ColumnPair> columns, int keySize, DigestText digest,
    String method) {

  TableComparison {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(method, "method");
    columns = List.copyOf(columns);
    if (keySize < 1 || keySize > columns.size()) {
      throw new IllegalArgumentException("bad key size " + keySize + " for " + source);
    }
  }

  List<Column> sourceColumns() {
    return columns.stream().map(ColumnPair::source).toList();
  }

  List<Column> targetColumns() {
    return columns.stream().map(ColumnPair::target).toList();
  }

  List<Column> sourceKey() {
    return sourceColumns().subList(0, keySize);
  }

  List<Column> targetKey() {
    return targetColumns().subList(0, keySize);
  }

  /**
   * The key text under which source and target rows pair: folded as the key columns' collations
   * ignore differences (HandleCollationDiff), else the key text itself.
   */
  List<String> pairingKey(List<String> key) {
    var folded = new java.util.ArrayList<String>(key.size());
    for (int i = 0; i < key.size(); i++) {
      folded.add(columns.get(i).folding().fold(key.get(i)));
    }
    return folded;
  }

  @Override
  public String toString() {
    return source.equals(target) ? source.toString() : source + " -> " + target;
  }
}
