package io.opendms.engine.validation;

import java.util.List;
import java.util.Objects;

/**
 * One row that differs between source and target.
 *
 * @param key the key's canonical text, in key order
 * @param type DMS's failure type: {@code MISSING_TARGET} (only on the source), {@code
 *     MISSING_SOURCE} (only on the target) or {@code RECORD_DIFF}
 * @param differences the differing columns; empty unless RECORD_DIFF
 * @param sourceRow the source's values of the compared columns, for repair; null when
 *     MISSING_SOURCE
 * @param targetRow the target's values of the compared columns (key first); null when
 *     MISSING_TARGET
 */
public record RowMismatch(
    List<String> key, String type, List<Difference> differences, Object[] sourceRow,
    Object[] targetRow) {

  /** One column's values on both sides, as canonical text (null for NULL). */
  public record Difference(String column, String source, String target) {}

  public RowMismatch {
    Objects.requireNonNull(type, "type");
    key = List.copyOf(key);
    differences = List.copyOf(differences);
  }

  static RowMismatch missingTarget(List<String> key, Object[] sourceRow) {
    return new RowMismatch(key, "MISSING_TARGET", List.of(), sourceRow, null);
  }

  static RowMismatch missingSource(List<String> key, Object[] targetRow) {
    return new RowMismatch(key, "MISSING_SOURCE", List.of(), null, targetRow);
  }
}
