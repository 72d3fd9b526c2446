package dev.dbplane.job;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removes known secret values (the run's token, secret outputs once known) from text before it is
 * stored or logged. Values shorter than a few characters are not treated as secrets: replacing every
 * "1" in a message would destroy it and protect nothing.
 */
final class Redactor {

  static final String MASK = "[secret]";
  private static final int MIN_SECRET_LENGTH = 4;

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  void add(String secret) {
    if (secret.length() >= MIN_SECRET_LENGTH) {
      secrets.add(secret);
    }
  }

  String redact(String text) {
    String result = text;
    for (String secret : secrets) {
      if (result.contains(secret)) {
        result = result.replace(secret, MASK);
      }
    }
    return result;
  }
}
