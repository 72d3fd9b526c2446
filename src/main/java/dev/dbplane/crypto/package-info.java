/** Encryption at rest of secrets (stack outputs, DigitalOcean tokens), with Google Tink. */
@NullMarked
package dev.dbplane.crypto;

import org.jspecify.annotations.NullMarked;
