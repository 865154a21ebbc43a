package io.opendms.spi.table;

import io.opendms.spi.type.DataType;
import java.util.List;
import java.util.Objects;

/**
 * One column of a table.
 *
 * @param name the column name as the database spells it
 * @param type the canonical type values of this column travel in
 * @param nullable whether NULL is allowed
 * @param nativeType the source's own declaration of the type (for example {@code
 *     numeric(12,2)}, {@code integer[]}, {@code public.mood}), used by a target of the same
 *     engine to recreate the column exactly
 * @param enumLabels the allowed values when the column (or its array element) is an enumeration,
 *     in declaration order; empty otherwise
 */
public record Column(
    String name, DataType type, boolean nullable, String nativeType, List<String> enumLabels) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(nativeType, "nativeType");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("column name must not be empty");
    }
    enumLabels = List.copyOf(enumLabels);
  }

  public Column(String name, DataType type, boolean nullable, String nativeType) {
    this(name, type, nullable, nativeType, List.of());
  }
}
