package dev.dbplane.job;

import dev.dbplane.engine.EngineFailure;

/** Why a job failed, for machines. */
public enum JobErrorCode {
  ENGINE_UNAVAILABLE,
  CREDENTIALS_REJECTED,
  CONCURRENT_UPDATE,
  PROVIDER_ERROR,
  STATE_LOST,
  TIMEOUT,
  INTERRUPTED,
  INTERNAL;

  static JobErrorCode of(EngineFailure failure) {
    return switch (failure) {
      case ENGINE_UNAVAILABLE -> ENGINE_UNAVAILABLE;
      case CREDENTIALS_REJECTED -> CREDENTIALS_REJECTED;
      case CONCURRENT_UPDATE -> CONCURRENT_UPDATE;
      case PROVIDER_ERROR -> PROVIDER_ERROR;
      case STATE_LOST -> STATE_LOST;
      case CANCELLED, INTERNAL -> INTERNAL;
    };
  }
}
