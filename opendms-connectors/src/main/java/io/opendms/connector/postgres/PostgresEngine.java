package io.opendms.connector.postgres;

import io.opendms.spi.data.NativeFormat;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Names of the PostgreSQL engine and of its native bulk formats. Constants only. */
final class PostgresEngine {

  /** The canonical engine name, written into every {@code TableDefinition}. */
  static final String NAME = "postgres";

  /**
   * Canonical name first, then DMS's aliases. Ordered because the SPI's {@code Set} does not say
   * which one is canonical; callers that iterate see {@link #NAME} first.
   */
  static final Set<String> ENGINE_NAMES =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(List.of(NAME, "postgresql", "aurora-postgresql")));

  /** {@code COPY ... (FORMAT binary)}: fastest, but only between identical column types. */
  static final NativeFormat COPY_BINARY = new NativeFormat(NAME, "copy-binary");

  /** {@code COPY ... (FORMAT text)}: the target casts each field from text to its column type. */
  static final NativeFormat COPY_TEXT = new NativeFormat(NAME, "copy-text");

  private PostgresEngine() {}

  /** Whether an engine name (any case) denotes PostgreSQL. */
  static boolean isPostgres(String engine) {
    return ENGINE_NAMES.contains(engine.toLowerCase(Locale.ROOT));
  }

  /** The COPY option for a native format; rejects formats of other engines. */
  static String copyFormatOption(NativeFormat format) {
    if (format.equals(COPY_BINARY)) {
      return "binary";
    }
    if (format.equals(COPY_TEXT)) {
      return "text";
    }
    throw new IllegalArgumentException("not a PostgreSQL COPY format: " + format);
  }
}
