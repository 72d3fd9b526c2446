package dev.dbplane.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KindSubjectsTest {

  private final JobsOnH2.Subjects subjects = new JobsOnH2.Subjects();
  private final KindSubjects kinds = new KindSubjects(List.of(subjects));

  @Test
  void aJobIsTheSubjectOfTheKindItsSpecNames() {
    Job job = new JobsOnH2().queued("kinds", dev.dbplane.engine.Operation.UP);

    assertThat(kinds.of(job)).isSameAs(subjects);
    assertThat(kinds.specType(JobsOnH2.TestSpec.KIND)).isEqualTo(JobsOnH2.TestSpec.class);
  }

  @Test
  void anUnknownKindIsAnErrorThatNamesTheKnownOnes() {
    assertThatThrownBy(() -> kinds.of("DigitalOceanSomethingElse"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DigitalOceanSomethingElse")
        .hasMessageContaining(JobsOnH2.TestSpec.KIND);
  }

  @Test
  void twoSubjectsOfOneKindAreRefused() {
    assertThatThrownBy(() -> new KindSubjects(List.of(subjects, new JobsOnH2.Subjects()))).isInstanceOf(IllegalStateException.class);
  }
}
