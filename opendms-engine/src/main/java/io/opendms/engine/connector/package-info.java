/** Finds connectors through the SPI's factories; the engine's only way to reach a connector. */
package io.opendms.engine.connector;
