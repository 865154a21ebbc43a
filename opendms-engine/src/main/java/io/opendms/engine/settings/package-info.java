/**
 * Task settings: DMS's {@code ReplicationTaskSettings} JSON document, declared once per key
 * (type, default, documentation) with the SPI's {@link io.opendms.spi.settings.Setting}, read
 * strictly, merged onto DMS's defaults and written back expanded. Entry point: {@link
 * io.opendms.engine.settings.TaskSettings}.
 */
package io.opendms.engine.settings;
