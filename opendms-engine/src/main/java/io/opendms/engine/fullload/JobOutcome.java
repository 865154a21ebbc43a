package io.opendms.engine.fullload;

/**
 * What a worker reports to the coordinator for one job.
 *
 * @param job the job
 * @param rows rows committed on the target
 * @param failure why it failed; null on success
 * @param skipped true when the job was not run (its table had failed, or the load was stopped)
 */
record JobOutcome(PartitionJob job, long rows, Throwable failure, boolean skipped) {

  static JobOutcome committed(PartitionJob job, long rows) {
    return new JobOutcome(job, rows, null, false);
  }

  static JobOutcome failed(PartitionJob job, Throwable failure) {
    return new JobOutcome(job, 0, failure, false);
  }

  static JobOutcome skipped(PartitionJob job) {
    return new JobOutcome(job, 0, null, true);
  }
}
