/**
 * Table mappings: DMS's table-mapping JSON document, which selects the source tables a task
 * migrates. Entry point: {@link io.opendms.engine.mapping.TableMappings}.
 */
package io.opendms.engine.mapping;
