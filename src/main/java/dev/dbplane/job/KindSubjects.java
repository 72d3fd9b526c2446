package dev.dbplane.job;

import dev.dbplane.engine.KindRegistry;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.SpecType;
import java.util.List;

/** The subjects of every resource kind, chosen by the kind a job's spec names. */
final class KindSubjects {

  private final KindRegistry<Owned> byKind;

  KindSubjects(List<JobSubjects> subjects) {
    this.byKind = new KindRegistry<>(
        subjects.stream().flatMap(owner -> owner.specTypes().stream().map(type -> new Owned(type, owner))).toList(),
        owned -> owned.type().kind(), "job subjects");
  }

  JobSubjects of(Job job) {
    return of(job.spec().kind());
  }

  JobSubjects of(String kind) {
    return byKind.of(kind).owner();
  }

  Class<? extends ResourceSpec> specType(String kind) {
    return byKind.of(kind).type().type();
  }

  /** A kind, with its spec, and who owns its jobs. */
  private record Owned(SpecType<?> type, JobSubjects owner) {}
}
