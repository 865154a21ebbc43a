package io.opendms.engine.mapping.expression;

import java.time.Instant;

/**
 * What an expression sees of the row it is evaluated for. Values are SQLite values: {@code
 * null}, {@link Long}, {@link Double}, {@link String} or {@code byte[]} (see {@link
 * SqliteValues#fromCanonical}).
 */
public interface ExpressionScope {

  /**
   * The value of {@code $name}: a source column, or a header ({@code AR_H_*}) or metadata ({@code
   * AR_M_*}) variable.
   *
   * @throws IllegalArgumentException when there is no such column or variable
   */
  Object variable(String name);

  /** The source operation the row comes from. */
  RowOperation operation();

  /** The time {@code 'now'} stands for; one value per row, as SQLite fixes it per statement. */
  Instant now();
}
