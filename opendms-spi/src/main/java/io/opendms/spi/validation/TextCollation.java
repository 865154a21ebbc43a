package io.opendms.spi.validation;

import java.util.Objects;

/**
 * How a database compares the values of one character column, as far as validation needs to
 * know: which differences its collation ignores. A binary or deterministic collation ignores none.
 *
 * @param name the collation's name in its database ({@code utf8mb4_general_ci}, {@code C}), or
 *     empty for a column that is not character data
 * @param caseInsensitive whether {@code 'a' = 'A'}
 * @param accentInsensitive whether {@code 'a' = 'á'}
 * @param padSpace whether trailing spaces are ignored ({@code 'a' = 'a  '}, MySQL's PAD SPACE,
 *     PostgreSQL's {@code character(n)})
 */
public record TextCollation(
    String name, boolean caseInsensitive, boolean accentInsensitive, boolean padSpace) {

  /** Every difference counts: binary data, numbers, and character columns compared exactly. */
  public static final TextCollation EXACT = new TextCollation("", false, false, false);

  public TextCollation {
    Objects.requireNonNull(name, "name");
  }

  /** Whether two values that differ in their code points may still be equal. */
  public boolean ignoresDifferences() {
    return caseInsensitive || accentInsensitive || padSpace;
  }
}
