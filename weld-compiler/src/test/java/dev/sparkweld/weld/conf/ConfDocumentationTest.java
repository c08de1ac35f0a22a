package dev.sparkweld.weld.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every configuration key is documented in README.md, with its default. */
class ConfDocumentationTest {
  @Test
  void readmeListsEveryKey() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (ConfKey<?> key : WeldConf.KEYS) {
      assertThat(readme).as("README row for %s", key.name()).contains("| `" + key.name() + "` |");
    }
  }
}
