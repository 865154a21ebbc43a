package io.opendms.spi.settings;

import java.util.HashMap;
import java.util.Map;

/** Resolved values of a {@link SettingGroup}; immutable. */
public final class SettingValues {
  private final Map<Setting<?>, Object> values;

  SettingValues(Map<Setting<?>, Object> values) {
    this.values = new HashMap<>(values);
  }

  /** The value given by the user, else the default (which may be null for secrets). */
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    if (!values.containsKey(setting)) {
      throw new IllegalArgumentException(setting.key() + " is not in this group");
    }
    return (T) values.get(setting);
  }
}
