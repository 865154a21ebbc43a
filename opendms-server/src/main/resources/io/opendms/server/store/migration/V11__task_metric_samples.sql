-- Samples of each task's metrics (issue 11), so that the console's charts show the last hours
-- after a restart. One row per task and sampling time; the values are a JSON object of DMS metric
-- names. Rows older than the retention are deleted by the server.
CREATE TABLE task_metric_samples (
  task_arn VARCHAR(256) NOT NULL,
  sample_millis BIGINT NOT NULL,
  metric_values TEXT NOT NULL,
  PRIMARY KEY (task_arn, sample_millis)
);

CREATE INDEX task_metric_samples_time ON task_metric_samples (sample_millis);
