package io.opendms.engine.mapping;

import io.opendms.engine.mapping.expression.Expression;
import io.opendms.spi.type.DataType;
import java.util.Objects;

/** Where one target column's value comes from. Immutable. */
sealed interface TargetValue {

  /**
   * A source column's value, converted to {@code convertTo} when a change-data-type rule changed
   * its type (null: unchanged).
   */
  record Copy(int sourceIndex, DataType convertTo, long ruleId) implements TargetValue {}

  /** The value of an add-column rule's expression, converted to the column's type. */
  record Computed(Expression expression, DataType type, long ruleId, String column)
      implements TargetValue {
    public Computed {
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(type, "type");
    }
  }

  /** A source column's value before an update (add-before-image-columns); NULL otherwise. */
  record BeforeImage(int sourceIndex) implements TargetValue {}

  /**
   * A LOB column's value cut to at most {@code maxBytes} bytes (text: UTF-8, never inside a
   * character): limited LOB mode, from the task's settings or the table's {@code lob-settings}
   * ({@code origin} says which, for the log).
   */
  record TruncatedLob(int sourceIndex, long maxBytes, String origin) implements TargetValue {}
}
