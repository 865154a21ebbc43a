package io.opendms.server.dms;

import java.util.Objects;

/**
 * An error as DMS clients read it: HTTP status plus {@code {"__type": type, "message": ...}}.
 * Thrown anywhere below the handler; the handler writes it and goes on serving.
 */
public final class DmsFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final int status;

  public DmsFault(String type, String message) {
    this(type, 400, message);
  }

  public DmsFault(String type, int status, String message) {
    super(message);
    this.type = Objects.requireNonNull(type, "type");
    this.status = status;
  }

  public String type() {
    return type;
  }

  public int status() {
    return status;
  }

  public static DmsFault invalidParameter(String message) {
    return new DmsFault("InvalidParameterValueException", message);
  }

  public static DmsFault notFound(String message) {
    return new DmsFault("ResourceNotFoundFault", message);
  }

  public static DmsFault alreadyExists(String message) {
    return new DmsFault("ResourceAlreadyExistsFault", message);
  }

  public static DmsFault invalidState(String message) {
    return new DmsFault("InvalidResourceStateFault", message);
  }
}
