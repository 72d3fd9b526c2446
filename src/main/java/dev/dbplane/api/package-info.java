@NullMarked
package dev.dbplane.api;

import org.jspecify.annotations.NullMarked;
