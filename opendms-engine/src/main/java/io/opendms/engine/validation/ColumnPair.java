package io.opendms.engine.validation;

import io.opendms.spi.table.Column;
import java.util.Objects;

/**
 * A source column and the target column it was migrated to.
 *
 * @param folding the differences of text values that are not differences (HandleCollationDiff)
 */
record ColumnPair(Column source, Column target, TextFolding folding) {
  ColumnPair {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(folding, "folding");
  }

  ColumnPair(Column source, Column target) {
    this(source, target, TextFolding.EXACT);
  }

  String name() {
    return source.name();
  }

  String sourceText(Object value) {
    return CanonicalValues.text(value, source.type().kind(), target.type().kind());
  }

  String targetText(Object value) {
    return CanonicalValues.text(value, target.type().kind(), source.type().kind());
  }

  /** Whether two canonical texts of this column mean the same value. */
  boolean same(String sourceText, String targetText) {
    return Objects.equals(folding.fold(sourceText), folding.fold(targetText));
  }
}
