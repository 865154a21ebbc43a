/**
 * Parallel apply for streaming targets (DMS {@code ParallelApplyThreads}): the changes of a CDC
 * task spread by key over several deliveries of the target, each on a thread and connection of
 * its own, with the delivery guarantees of one.
 */
package io.opendms.engine.delivery;
