package dev.dbplane.job;

import dev.dbplane.engine.KindRegistry;
import dev.dbplane.engine.ResourceSpec;
import java.util.List;

/** The subjects of every resource kind, chosen by the kind a job's spec names. */
final class KindSubjects {

  private final KindRegistry<JobSubjects> byKind;

  KindSubjects(List<JobSubjects> subjects) {
    this.byKind = new KindRegistry<>(subjects, s -> s.specType().kind(), "job subjects");
  }

  JobSubjects of(Job job) {
    return of(job.spec().kind());
  }

  JobSubjects of(String kind) {
    return byKind.of(kind);
  }

  Class<? extends ResourceSpec> specType(String kind) {
    return of(kind).specType().type();
  }
}
