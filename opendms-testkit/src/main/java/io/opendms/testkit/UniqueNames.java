package io.opendms.testkit;

import java.util.Locale;
import java.util.UUID;

/** Names for test databases that never collide across test classes, runs and engineers. */
final class UniqueNames {
  private UniqueNames() {}

  /** {@code prefix_} plus 12 random hex digits, lower case: valid unquoted in every engine. */
  static String database(String prefix) {
    return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
        .toLowerCase(Locale.ROOT);
  }
}
