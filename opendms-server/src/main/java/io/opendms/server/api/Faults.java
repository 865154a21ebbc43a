package io.opendms.server.api;

import io.opendms.server.dms.DmsFault;
import io.opendms.server.store.DuplicateResourceException;
import io.opendms.spi.error.OpenDmsException;

/** Turns what the layers below throw into the DMS fault a client expects. */
public final class Faults {
  private Faults() {}

  public static DmsFault of(RuntimeException error) {
    if (error instanceof DmsFault fault) {
      return fault;
    }
    if (error instanceof DuplicateResourceException) {
      return DmsFault.alreadyExists(error.getMessage());
    }
    if (error instanceof OpenDmsException dms) {
      return switch (dms.code()) {
        case INVALID_PARAMETER, INVALID_TABLE_MAPPINGS, INVALID_TASK_SETTINGS, UNKNOWN_ENGINE,
            NO_TABLES_SELECTED, UNSUPPORTED -> DmsFault.invalidParameter(dms.getMessage());
        case AUTHENTICATION_FAILED, PERMISSION_DENIED -> new DmsFault("AccessDeniedFault", dms.getMessage());
        case DATABASE_NOT_FOUND -> DmsFault.notFound(dms.getMessage());
        case CONNECTION_FAILED -> new DmsFault("FailedDependencyFault", dms.getMessage());
        default -> internal();
      };
    }
    return internal();
  }

  public static DmsFault internal() {
    return new DmsFault("InternalFailure", 500,
        "The request processing has failed because of an unknown error; see the server log");
  }
}
