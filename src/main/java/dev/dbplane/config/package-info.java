@NullMarked
package dev.dbplane.config;

import org.jspecify.annotations.NullMarked;
