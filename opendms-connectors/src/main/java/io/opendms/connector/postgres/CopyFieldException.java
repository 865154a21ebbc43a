package io.opendms.connector.postgres;

/**
 * A field of a COPY text line that cannot be written ({@link CopyTextEncoder}) or is not text of
 * its column's kind ({@link CopyTextDecoder}): the caller names the column by its position.
 */
final class CopyFieldException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final int field;

  CopyFieldException(int field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  /** The field's position in the line, from 0. */
  int field() {
    return field;
  }
}
