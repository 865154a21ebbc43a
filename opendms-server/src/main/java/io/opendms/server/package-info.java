/**
 * The replication server: one process serving the DMS API on one port and running tasks in
 * its JVM. Subpackages: {@code api} (HTTP and dispatch), {@code auth} (SigV4), {@code dms}
 * (shared DMS vocabulary), {@code control} (resources and task lifecycle), {@code store}
 * (metadata over JDBC).
 */
package io.opendms.server;
