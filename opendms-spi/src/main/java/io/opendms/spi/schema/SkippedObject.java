package io.opendms.spi.schema;

import java.util.Objects;

/**
 * Something schema conversion did not convert, and why: a view, trigger, routine, check
 * constraint, an index on expressions, a default without a translation.
 *
 * @param kind what it is ({@code view}, {@code trigger}, {@code default}, ...)
 * @param name where it is, qualified ({@code shop.orders.total})
 * @param reason why it was not converted, and what to do
 */
public record SkippedObject(String kind, String name, String reason) {
  public SkippedObject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return kind + " " + name + ": " + reason;
  }
}
