package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.FunctionType;
import dev.sparkweld.weld.ir.GroupMergerType;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.TypeVisitor;
import dev.sparkweld.weld.ir.UnknownType;
import dev.sparkweld.weld.ir.VecMergerType;
import dev.sparkweld.weld.ir.VecType;
import java.util.List;
import java.util.stream.Collectors;

/** Writes types in the syntax {@link TypeParser} reads. */
final class TypePrinter implements TypeVisitor<String> {
  static final TypePrinter INSTANCE = new TypePrinter();

  static String print(Type t) {
    return t.accept(INSTANCE);
  }

  private static String join(List<Type> types) {
    return types.stream().map(TypePrinter::print).collect(Collectors.joining(","));
  }

  @Override
  public String visitScalar(ScalarType t) {
    return t.kind().keyword();
  }

  @Override
  public String visitSimd(SimdType t) {
    return "simd[" + t.elem().keyword() + "]";
  }

  @Override
  public String visitVec(VecType t) {
    return "vec[" + print(t.elem()) + "]";
  }

  @Override
  public String visitDict(DictType t) {
    return "dict[" + print(t.key()) + "," + print(t.value()) + "]";
  }

  @Override
  public String visitStruct(StructType t) {
    return "{" + join(t.fields()) + "}";
  }

  @Override
  public String visitFunction(FunctionType t) {
    return "|" + join(t.params()) + "|(" + print(t.result()) + ")";
  }

  @Override
  public String visitUnknown(UnknownType t) {
    return "?";
  }

  @Override
  public String visitAppender(AppenderType t) {
    return "appender[" + print(t.elem()) + "]";
  }

  @Override
  public String visitMerger(MergerType t) {
    return "merger[" + print(t.elem()) + "," + t.op().symbol() + "]";
  }

  @Override
  public String visitDictMerger(DictMergerType t) {
    return "dictmerger[" + print(t.key()) + "," + print(t.value()) + "," + t.op().symbol() + "]";
  }

  @Override
  public String visitGroupMerger(GroupMergerType t) {
    return "groupmerger[" + print(t.key()) + "," + print(t.value()) + "]";
  }

  @Override
  public String visitVecMerger(VecMergerType t) {
    return "vecmerger[" + print(t.elem()) + "," + t.op().symbol() + "]";
  }
}
