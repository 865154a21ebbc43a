package io.opendms.spi.settings;

import java.util.Objects;

/**
 * One setting, declared once: its key, type, default, documentation and whether it is secret.
 * Parsers, API validation, docs and forms all read this declaration.
 *
 * @param key the field name exactly as in the DMS JSON document or settings object
 * @param type how values are read and checked
 * @param defaultValue the value when the user gives none (DMS's default where DMS has one)
 * @param doc one or two sentences for users
 * @param sensitive whether the value is a secret that is never logged or returned
 * @param <T> the value's Java type
 */
public record Setting<T>(
    String key, ValueType<T> type, T defaultValue, String doc, boolean sensitive) {

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
  }

  public static <T> Setting<T> of(String key, ValueType<T> type, T defaultValue, String doc) {
    return new Setting<>(key, type, defaultValue, doc, false);
  }

  public static <T> Setting<T> secret(String key, ValueType<T> type, String doc) {
    return new Setting<>(key, type, null, doc, true);
  }
}
