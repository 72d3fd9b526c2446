package dev.dbplane.intake;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes a text body as UTF-8, refusing bytes that are not, rather than replacing them. */
final class Utf8Text {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private Utf8Text() {}

  static String decode(byte[] body) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.wrap(body);
    try {
      CharBuffer text = decoder.decode(bytes);
      return text.length() > 0 && text.charAt(0) == BYTE_ORDER_MARK ? text.subSequence(1, text.length()).toString() : text.toString();
    } catch (CharacterCodingException e) {
      throw UnreadableRequestException.malformed(
          IntakeProblem.at(null, "the body is not valid UTF-8 (near byte " + bytes.position() + ")"));
    }
  }
}
