package io.opendms.engine.task;

import java.util.Arrays;
import java.util.stream.Collectors;

/** DMS's {@code MigrationType}. */
public enum MigrationType {
  FULL_LOAD("full-load"),
  FULL_LOAD_AND_CDC("full-load-and-cdc"),
  CDC("cdc");

  private final String dmsName;

  MigrationType(String dmsName) {
    this.dmsName = dmsName;
  }

  public String dmsName() {
    return dmsName;
  }

  public boolean includesFullLoad() {
    return this != CDC;
  }

  public boolean includesCdc() {
    return this != FULL_LOAD;
  }

  /** Accepts DMS's names only; the message lists them. */
  public static MigrationType parse(String text) {
    for (MigrationType type : values()) {
      if (type.dmsName.equals(text)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown migration type '" + text + "' (expected " + names() + ")");
  }

  static String names() {
    return Arrays.stream(values()).map(MigrationType::dmsName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return dmsName;
  }
}
