package io.opendms.connector.mysql;

import java.sql.Connection;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection inside a consistent snapshot transaction. A MySQL snapshot belongs to the
 * connection that opened it, so readers beyond the connections opened under the lock share one
 * of these, one partition at a time.
 *
 * @param connection the connection, in a {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}
 * @param lock held by a reader for the whole of one partition's read
 */
record SnapshotConnection(Connection connection, ReentrantLock lock) {
  SnapshotConnection(Connection connection) {
    this(connection, new ReentrantLock());
  }
}
