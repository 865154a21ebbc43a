package io.opendms.engine.validation;

import io.opendms.spi.table.Column;
import java.util.Objects;

/** A source column and the target column it was migrated to. */
record ColumnPair(Column source, Column target) {
  ColumnPair {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
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
}
