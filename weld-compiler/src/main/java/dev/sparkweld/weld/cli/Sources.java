package dev.sparkweld.weld.cli;

import dev.sparkweld.weld.diag.WeldCompileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading the tool's files, and naming them in messages the way compilers do ({@code file:line:col: ...}). */
final class Sources {
  private Sources() {}

  /** The text of {@code name} ({@code -} is standard input); a missing or unreadable file is an input error. */
  static String read(String name, InputStream stdin) {
    try {
      if (name.equals("-")) {
        return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(name), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CliException.input("%s: no such file", name);
    } catch (CharacterCodingException e) {
      throw CliException.input("%s: not UTF-8 text", name);
    } catch (IOException e) {
      throw CliException.input("%s: cannot read: %s", name, e.getMessage());
    }
  }

  static byte[] readBytes(String name) {
    try {
      return Files.readAllBytes(Path.of(name));
    } catch (NoSuchFileException e) {
      throw CliException.input("%s: no such file", name);
    } catch (IOException e) {
      throw CliException.input("%s: cannot read: %s", name, e.getMessage());
    }
  }

  /** {@code file:line:col: kind error: detail}, or without the position for errors that have none. */
  static CliException compileError(String file, WeldCompileException e) {
    String where = e.span().isKnown() ? file + ":" + e.span() : file;
    String kind = e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return new CliException(ExitCode.COMPILE_ERROR, where + ": " + kind + " error: " + e.detail(), e);
  }
}
