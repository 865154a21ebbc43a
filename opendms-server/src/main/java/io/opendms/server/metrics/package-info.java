/**
 * Task and instance metrics: each running task is sampled every few seconds into the DMS
 * CloudWatch metric names, served as Prometheus text at {@code /metrics} (Micrometer) and kept in
 * the metadata store as the task's history for the console's charts.
 */
package io.opendms.server.metrics;
