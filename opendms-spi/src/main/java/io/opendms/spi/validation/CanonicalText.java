package io.opendms.spi.validation;

/**
 * The text every connector renders a value as for a {@link DigestText#CANONICAL} digest, so that
 * two engines holding the same meaning produce the same bytes. The text is a filter, not the
 * verdict: equal digests must imply equal values, while different digests only send the range to
 * a row-by-row comparison of decoded values. A connector that cannot render a column this way
 * says so ({@link ComparisonSession#hasCanonicalText}) and the table is compared row by row.
 *
 * <ul>
 *   <li>NULL: no text; a column is written as {@code <characters>:<text>} and NULL as {@code ~},
 *       so NULL and the empty string ({@code 0:}) differ; columns are joined by {@code ,}.
 *   <li>BOOLEAN and integers: decimal digits ({@code 1}/{@code 0} for booleans).
 *   <li>NUMERIC: the plain decimal without trailing fractional zeros ({@code 12.5}, {@code 3},
 *       {@code 0}); {@code NaN}, {@code Infinity}, {@code -Infinity}.
 *   <li>Strings, CLOBs, JSON stored as text: the characters. JSON typed columns: the database's
 *       normalised JSON text where it has one (PostgreSQL jsonb).
 *   <li>Binary: lower-case hexadecimal.
 *   <li>DATE {@code YYYY-MM-DD}; DATETIME {@code YYYY-MM-DD HH:MM:SS.ffffff} in UTC for zoned
 *       types; TIME {@code HH:MM:SS.ffffff}.
 *   <li>UUID: lower-case 8-4-4-4-12 hexadecimal.
 * </ul>
 * The row's text is hashed as UTF-8 with MD5; the first 15 hexadecimal digits of the hash, read
 * as a non-negative integer, are summed over the range (order-independent, exact).
 */
public final class CanonicalText {
  /** How a row's canonical text is hashed; see the class comment. */
  public static final String ROW_HASH = "sum(md5(row)[0..15] as integer)";

  private CanonicalText() {}
}
