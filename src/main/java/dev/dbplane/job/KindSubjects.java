package dev.dbplane.job;

import dev.dbplane.engine.ResourceSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The subjects of every resource kind, chosen by the kind a job's spec names. */
final class KindSubjects {

  private final Map<String, JobSubjects> byKind;

  KindSubjects(List<JobSubjects> subjects) {
    this.byKind = subjects.stream().collect(Collectors.toUnmodifiableMap(s -> s.specType().kind(), Function.identity()));
  }

  JobSubjects of(Job job) {
    return of(job.spec().kind());
  }

  JobSubjects of(String kind) {
    JobSubjects subjects = byKind.get(kind);
    if (subjects == null) {
      throw new IllegalStateException("no resource kind " + kind + " is known here; known: " + byKind.keySet());
    }
    return subjects;
  }

  Class<? extends ResourceSpec> specType(String kind) {
    return of(kind).specType().type();
  }
}
