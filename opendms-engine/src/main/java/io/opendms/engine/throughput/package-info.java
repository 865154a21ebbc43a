/** How much data moves: payload sizes for the bandwidth metrics. */
package io.opendms.engine.throughput;
