package dev.sparkweld.runtime.bridge;

/**
 * Indices (in pointer slots) of the JNI function tables, from {@code struct JNINativeInterface_} and
 * {@code struct JNIInvokeInterface_} in the JDK's jni.h. They are part of the JNI specification and have not moved
 * since JDK 1.2 (new functions are only appended), so one table serves every JDK we run on.
 */
public final class JniTable {
  private JniTable() {}

  /** {@code JNI_VERSION_1_8}: the version we ask {@code GetEnv} for. */
  public static final int JNI_VERSION = 0x00010008;

  // JNIInvokeInterface_ (a JavaVM*'s table)
  public static final int VM_GET_ENV = 6;

  // JNINativeInterface_ (a JNIEnv*'s table)
  public static final int FIND_CLASS = 6;
  public static final int EXCEPTION_CLEAR = 17;
  public static final int NEW_GLOBAL_REF = 21;
  public static final int DELETE_GLOBAL_REF = 22;
  public static final int DELETE_LOCAL_REF = 23;
  public static final int GET_OBJECT_CLASS = 31;
  public static final int GET_METHOD_ID = 33;
  public static final int CALL_OBJECT_METHOD_A = 36;
  public static final int CALL_BOOLEAN_METHOD_A = 39;
  public static final int GET_STATIC_METHOD_ID = 113;
  public static final int CALL_STATIC_OBJECT_METHOD_A = 116;
  public static final int NEW_STRING_UTF = 167;
  public static final int REGISTER_NATIVES = 215;
  public static final int GET_JAVA_VM = 219;
  public static final int EXCEPTION_CHECK = 228;
}
