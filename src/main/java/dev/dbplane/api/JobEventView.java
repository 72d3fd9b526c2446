package dev.dbplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dbplane.job.JobEvent;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@JsonInclude(JsonInclude.Include.NON_NULL)
record JobEventView(int seq, Instant at, String type, String message, @Nullable String resource) {

  static JobEventView of(JobEvent event) {
    return new JobEventView(event.seq(), event.at(), event.type(), event.message(), event.resource());
  }
}
