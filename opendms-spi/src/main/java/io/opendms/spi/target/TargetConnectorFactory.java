package io.opendms.spi.target;

import io.opendms.spi.endpoint.EndpointConfig;
import java.util.Set;

/**
 * Creates target connectors of one engine; found through {@link java.util.ServiceLoader}.
 * Stateless and thread-safe.
 */
public interface TargetConnectorFactory {

  /** The canonical engine name and any aliases the user may write (DMS engine names). */
  Set<String> engineNames();

  /**
   * Connects to the target and checks that it can be written; throws {@link
   * io.opendms.spi.error.OpenDmsException} as {@link
   * io.opendms.spi.source.SourceConnectorFactory#open} does.
   */
  TargetConnector open(EndpointConfig endpoint);

  /**
   * Whether the connectors it opens apply changes ({@link
   * io.opendms.spi.change.ChangeTargetConnector}), as DescribeEndpointTypes' SupportsCDC tells
   * before any endpoint is connected. Stateless.
   */
  default boolean appliesChanges() {
    return false;
  }
}
