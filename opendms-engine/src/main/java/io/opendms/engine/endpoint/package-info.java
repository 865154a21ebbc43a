/**
 * Endpoint URIs of the command line ({@code postgresql://user:password@host/db}), parsed into
 * the SPI's {@link io.opendms.spi.endpoint.EndpointConfig}. Entry point: {@link
 * io.opendms.engine.endpoint.EndpointUri}.
 */
package io.opendms.engine.endpoint;
