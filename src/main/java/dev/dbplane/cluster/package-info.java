@NullMarked
package dev.dbplane.cluster;

import org.jspecify.annotations.NullMarked;
