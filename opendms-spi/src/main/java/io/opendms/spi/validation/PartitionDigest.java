package io.opendms.spi.validation;

import java.util.Objects;

/**
 * What a database computed over one key range.
 *
 * @param rows the number of rows in the range
 * @param hash the combined hash of the rows, as decimal text (connector-specific for {@link
 *     DigestText#NATIVE}, {@link CanonicalText#ROW_HASH} for canonical); "0" for no rows
 */
public record PartitionDigest(long rows, String hash) {
  public PartitionDigest {
    Objects.requireNonNull(hash, "hash");
    if (rows < 0) {
      throw new IllegalArgumentException("rows must not be negative, got " + rows);
    }
  }
}
