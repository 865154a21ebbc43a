/**
 * MySQL and MariaDB (and Aurora MySQL) source and target connectors for the full load, over the
 * MariaDB JDBC driver, which speaks to both servers.
 *
 * <p>The source reads each partition with one plain {@code SELECT} inside a consistent snapshot
 * ({@link io.opendms.connector.mysql.MySqlSnapshotSession}) and decodes each field from the text
 * protocol into canonical values ({@link io.opendms.connector.mysql.MySqlValueReader}). The target
 * encodes canonical values as the tab-separated text {@code LOAD DATA LOCAL INFILE} reads ({@link
 * io.opendms.connector.mysql.LoadDataEncoder}) and streams it from memory in bounded chunks.
 *
 * <p>Every connection runs with the same session settings ({@link
 * io.opendms.connector.mysql.MySqlConnections}): time zone UTC, utf8mb4, and an SQL mode that
 * accepts zero dates, so values keep their meaning on both ends.
 */
package io.opendms.connector.mysql;
