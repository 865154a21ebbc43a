package io.opendms.spi.error;

import java.util.Objects;

/**
 * The one exception type that crosses layers. Its message says what failed, where (endpoint,
 * table, column) and the state needed to diagnose it; the code says who can fix it.
 */
public class OpenDmsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public OpenDmsException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public OpenDmsException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }

  public ErrorCategory category() {
    return code.category();
  }
}
