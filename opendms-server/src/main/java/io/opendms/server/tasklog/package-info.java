/**
 * Each task's own log, as DMS keeps one per task: lines with a component (SOURCE_UNLOAD,
 * SOURCE_CAPTURE, TARGET_LOAD, TARGET_APPLY, TASK_MANAGER, ...) and a severity, written to
 * {@code <data-dir>/tasks/<id>/task.log} by a Logback appender that routes by the task of the
 * logging thread, and read back with filters by the console.
 */
package io.opendms.server.tasklog;
