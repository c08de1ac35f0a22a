package dev.sparkweld.runtime.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BridgeSmokeTest {
  @Test
  void bootstrapBindsNativeMethods() {
    NativeBridge.bind();
    long ref = NativeBridge.newGlobalRef("hello");
    assertThat(ref).isNotZero();
    NativeBridge.deleteGlobalRef(ref);
  }
}
