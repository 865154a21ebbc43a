package io.opendms.engine.fullload;

import io.opendms.spi.data.NativeFormat;
import java.util.Optional;

/**
 * How a table's rows travel: as the engines' own bulk format without decoding (the fast path), or
 * decoded into canonical values (the general path).
 *
 * @param nativeFormat the format, when the fast path is taken
 */
public record LoadPath(Optional<NativeFormat> nativeFormat) {

  public static LoadPath decoded() {
    return new LoadPath(Optional.empty());
  }

  public static LoadPath of(NativeFormat format) {
    return new LoadPath(Optional.of(format));
  }

  @Override
  public String toString() {
    return nativeFormat.map(NativeFormat::toString).orElse("decoded rows");
  }
}
