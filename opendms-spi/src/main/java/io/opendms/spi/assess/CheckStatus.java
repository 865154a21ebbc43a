package io.opendms.spi.assess;

import java.util.Locale;

/** The outcome of one premigration check, spelled as DMS spells individual assessment statuses. */
public enum CheckStatus {
  /** Nothing to fix. */
  PASSED,
  /** The task can run, but some data or changes may not arrive as the user expects. */
  WARNING,
  /** The task would fail or lose data; fix before starting it. */
  FAILED,
  /** The check itself could not run (a query failed); says nothing about the data. */
  ERROR,
  /** The check does not apply to this task (for example a CDC check of a full-load task). */
  SKIPPED;

  /** The DMS spelling: {@code passed}, {@code warning}, ... */
  public String dmsName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The worse of two statuses; {@code SKIPPED} is better than everything. */
  public CheckStatus worse(CheckStatus other) {
    return rank() >= other.rank() ? this : other;
  }

  private int rank() {
    return switch (this) {
      case SKIPPED -> 0;
      case PASSED -> 1;
      case WARNING -> 2;
      case ERROR -> 3;
      case FAILED -> 4;
    };
  }
}
