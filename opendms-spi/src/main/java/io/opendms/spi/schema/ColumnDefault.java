package io.opendms.spi.schema;

import java.util.Objects;

/**
 * A column's default, classified by the source so that a target of another engine can translate
 * it.
 *
 * @param column the column
 * @param kind what the default is
 * @param value for {@link Kind#LITERAL} an SQL literal in standard form (a number, or a string in
 *     single quotes with quotes doubled); for {@link Kind#EXPRESSION} the source's own text; empty
 *     otherwise
 */
public record ColumnDefault(String column, Kind kind, String value) {

  /** How a default can travel. */
  public enum Kind {
    /** A constant every engine writes the same way. */
    LITERAL,
    /** The current date and time at insert. */
    CURRENT_TIMESTAMP,
    /** Values drawn from a counter: MySQL AUTO_INCREMENT, PostgreSQL identity or serial. */
    IDENTITY,
    /** An engine-specific expression: valid on a target of the same engine only. */
    EXPRESSION
  }

  public ColumnDefault {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
  }
}
