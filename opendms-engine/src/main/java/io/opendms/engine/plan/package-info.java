/** Planning: which source tables a task selects, their target names, and load order. */
package io.opendms.engine.plan;
