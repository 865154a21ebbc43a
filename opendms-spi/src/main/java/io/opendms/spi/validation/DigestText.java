package io.opendms.spi.validation;

/** Which text of each value a {@link ComparisonSession#digest} hashes. */
public enum DigestText {
  /**
   * The database's own representation. Both sides must be the same engine with the same column
   * types; a connector may hash binary forms, so the digest is only comparable with the same
   * connector's.
   */
  NATIVE,
  /**
   * The canonical text documented on {@link CanonicalText}, hashed with {@link
   * CanonicalText#ROW_HASH}: comparable between engines.
   */
  CANONICAL
}
