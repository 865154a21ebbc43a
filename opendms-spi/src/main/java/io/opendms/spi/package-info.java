/**
 * The connector SPI of OpenDMS: what the engine knows of a data store. Values cross it as
 * canonical types ({@link io.opendms.spi.type}); sources describe and read ({@link
 * io.opendms.spi.source}); targets prepare and load ({@link io.opendms.spi.target}); change capture and apply are
 * separate ({@link io.opendms.spi.change}). This module
 * has no third-party dependencies.
 */
package io.opendms.spi;
