/**
 * Replication instances, endpoints, tasks and their lifecycle, events and tags: the DMS
 * semantics over the metadata store, and the threads that run tasks.
 */
package io.opendms.server.control;
