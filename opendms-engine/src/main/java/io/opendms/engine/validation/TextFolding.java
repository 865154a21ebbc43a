package io.opendms.engine.validation;

import io.opendms.spi.validation.TextCollation;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which differences between a source and a target text value are not differences, with
 * HandleCollationDiff: those that either side's collation ignores. A target whose collation
 * cannot tell {@code 'Müller'} from {@code 'MULLER'} holds them as one row and one value, so
 * calling them different would report what the target cannot fix.
 *
 * @param caseInsensitive compare after case folding
 * @param accentInsensitive compare after removing combining marks (NFD)
 * @param padSpace compare without trailing spaces
 */
record TextFolding(boolean caseInsensitive, boolean accentInsensitive, boolean padSpace) {

  /** Every code point counts (HandleCollationDiff off, or two exact collations). */
  static final TextFolding EXACT = new TextFolding(false, false, false);

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern TRAILING_SPACES = Pattern.compile(" +$");

  /** The differences either collation ignores. */
  static TextFolding between(TextCollation source, TextCollation target) {
    return new TextFolding(source.caseInsensitive() || target.caseInsensitive(),
        source.accentInsensitive() || target.accentInsensitive(),
        source.padSpace() || target.padSpace());
  }

  /** The text as the collations see it: equal results mean equal values; null stays null. */
  String fold(String text) {
    if (text == null || this.equals(EXACT)) {
      return text;
    }
    String folded = text;
    if (padSpace) {
      folded = TRAILING_SPACES.matcher(folded).replaceFirst("");
    }
    if (accentInsensitive) {
      folded = MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
    }
    if (caseInsensitive) {
      // upper then lower: folds both ß/SS-style and Σ/σ/ς-style case pairs to one form
      folded = folded.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
    return folded;
  }
}
