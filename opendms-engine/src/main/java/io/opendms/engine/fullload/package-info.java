/**
 * Full load: prepare target tables, read one consistent source snapshot in partitions on parallel
 * workers, write each partition in its own target transaction (natively when both sides share a
 * bulk format, decoded otherwise), finish each table after its last partition.
 */
package io.opendms.engine.fullload;
