/**
 * The service's own files: the data directory and the file state backend, checked writable at
 * start-up, and they and the embedded database's files kept to their owner.
 */
@NullMarked
package dev.dbplane.storage;

import org.jspecify.annotations.NullMarked;
