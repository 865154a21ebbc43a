package io.opendms.spi.data;

import java.util.Objects;

/**
 * An engine's own bulk data format, which a source can export and a target of the same engine can
 * import without the rows being decoded into canonical values: the fast path.
 *
 * @param engine the engine whose format it is
 * @param name the format's name within the engine (for example {@code copy-binary})
 */
public record NativeFormat(String engine, String name) {

  public NativeFormat {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return engine + "/" + name;
  }
}
