package io.opendms.spi.source;

import io.opendms.spi.endpoint.EndpointConfig;
import java.util.Set;

/**
 * Creates source connectors of one engine; found through {@link java.util.ServiceLoader}.
 * Stateless and thread-safe.
 */
public interface SourceConnectorFactory {

  /** The canonical engine name and any aliases the user may write (DMS engine names). */
  Set<String> engineNames();

  /**
   * Connects to the source and checks that it can be read; throws {@link
   * io.opendms.spi.error.OpenDmsException} with {@code AUTHENTICATION_FAILED}, {@code
   * DATABASE_NOT_FOUND}, {@code CONNECTION_FAILED} or {@code INVALID_PARAMETER} (a setting that
   * does not parse) otherwise.
   */
  SourceConnector open(EndpointConfig endpoint);

  /**
   * Whether the connectors it opens capture changes ({@link
   * io.opendms.spi.change.ChangeSourceConnector}), as DescribeEndpointTypes' SupportsCDC tells
   * before any endpoint is connected. Stateless.
   */
  default boolean capturesChanges() {
    return false;
  }
}
