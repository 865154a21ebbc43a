package io.opendms.spi.schema;

import io.opendms.spi.table.TableId;
import java.util.Objects;

/**
 * A sequence no column owns (PostgreSQL {@code CREATE SEQUENCE} used by applications or by
 * {@code nextval} defaults), with its definition and where it stands.
 *
 * @param name the sequence's schema and name
 * @param start its START WITH
 * @param increment its INCREMENT BY, never 0
 * @param minValue its MINVALUE
 * @param maxValue its MAXVALUE
 * @param cycle whether it wraps around
 * @param nextValue the value its next {@code nextval} returns
 */
public record StandaloneSequence(TableId name, long start, long increment, long minValue,
    long maxValue, boolean cycle, long nextValue) {
  public StandaloneSequence {
    Objects.requireNonNull(name, "name");
    if (increment == 0) {
      throw new IllegalArgumentException("sequence " + name + " has increment 0");
    }
  }
}
