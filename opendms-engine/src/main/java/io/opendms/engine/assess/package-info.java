/**
 * Premigration assessment: read-only checks of a task against its endpoints before any data
 * moves, each with a status and a fix (DMS's StartReplicationTaskAssessmentRun).
 */
package io.opendms.engine.assess;
