package io.opendms.server.store;

/** A resource of the same kind and identifier (or ARN) already exists. */
public final class DuplicateResourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DuplicateResourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
