package io.opendms.spi.error;

/** Every error OpenDMS reports has one of these codes; the API maps them to DMS fault names. */
public enum ErrorCode {
  INVALID_PARAMETER(ErrorCategory.USER),
  INVALID_TABLE_MAPPINGS(ErrorCategory.USER),
  INVALID_TASK_SETTINGS(ErrorCategory.USER),
  UNKNOWN_ENGINE(ErrorCategory.USER),
  AUTHENTICATION_FAILED(ErrorCategory.USER),
  DATABASE_NOT_FOUND(ErrorCategory.USER),
  PERMISSION_DENIED(ErrorCategory.USER),
  NO_TABLES_SELECTED(ErrorCategory.USER),
  UNSUPPORTED(ErrorCategory.USER),
  CONNECTION_FAILED(ErrorCategory.TRANSIENT),
  SOURCE_READ_FAILED(ErrorCategory.INTERNAL),
  TARGET_WRITE_FAILED(ErrorCategory.INTERNAL),
  TASK_STATE_CORRUPT(ErrorCategory.INTERNAL),
  INTERNAL(ErrorCategory.INTERNAL);

  private final ErrorCategory category;

  ErrorCode(ErrorCategory category) {
    this.category = category;
  }

  public ErrorCategory category() {
    return category;
  }
}
