package io.opendms.server.store;

/** The DMS resource types this server keeps, with their ARN resource-type segment. */
public enum ResourceKind {
  INSTANCE("rep"),
  ENDPOINT("endpoint"),
  TASK("task"),
  CERTIFICATE("cert");

  private final String arnType;

  ResourceKind(String arnType) {
    this.arnType = arnType;
  }

  public String arnType() {
    return arnType;
  }
}
