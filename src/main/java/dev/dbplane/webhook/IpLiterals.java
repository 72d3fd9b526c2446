package dev.dbplane.webhook;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The IPv4 and IPv6 parsers of the WHATWG URL standard, which browsers (and, for the IPv4 forms,
 * the C library's resolver) follow: {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1} and
 * {@code 2130706433} are all 127.0.0.1. Judging a host by any stricter reading would let such a form
 * pass as a name and reach the address it really is.
 */
final class IpLiterals {

  private IpLiterals() {}

  /** Whether a domain is to be read as an IPv4 address (the standard's "ends in a number"). */
  static boolean endsInANumber(String domain) {
    List<String> parts = new ArrayList<>(List.of(domain.split("\\.", -1)));
    if (parts.get(parts.size() - 1).isEmpty()) {
      if (parts.size() == 1) {
        return false;
      }
      parts.remove(parts.size() - 1);
    }
    String last = parts.get(parts.size() - 1);
    return (!last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9')) || number(last).isPresent();
  }

  /** The address as 32 bits, or empty when the domain is not a valid IPv4 address. */
  static OptionalLong ipv4(String domain) {
    List<String> parts = new ArrayList<>(List.of(domain.split("\\.", -1)));
    if (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
      parts.remove(parts.size() - 1);
    }
    if (parts.size() > 4) {
      return OptionalLong.empty();
    }
    List<BigInteger> numbers = new ArrayList<>();
    for (String part : parts) {
      Optional<BigInteger> number = number(part);
      if (number.isEmpty()) {
        return OptionalLong.empty();
      }
      numbers.add(number.get());
    }
    BigInteger byteLimit = BigInteger.valueOf(256);
    for (int i = 0; i < numbers.size() - 1; i++) {
      if (numbers.get(i).compareTo(byteLimit) >= 0) {
        return OptionalLong.empty();
      }
    }
    BigInteger last = numbers.get(numbers.size() - 1);
    if (last.compareTo(byteLimit.pow(5 - numbers.size())) >= 0) {
      return OptionalLong.empty();
    }
    long address = last.longValueExact();
    for (int i = 0; i < numbers.size() - 1; i++) {
      address += numbers.get(i).longValueExact() << (8 * (3 - i));
    }
    return OptionalLong.of(address);
  }

  /** One part of an IPv4 address: decimal, octal with a leading 0, or hexadecimal after 0x. */
  private static Optional<BigInteger> number(String part) {
    if (part.isEmpty()) {
      return Optional.empty();
    }
    int radix = 10;
    String digits = part;
    if (part.length() >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
      radix = 16;
      digits = part.substring(2);
    } else if (part.length() >= 2 && part.startsWith("0")) {
      radix = 8;
      digits = part.substring(1);
    }
    if (digits.isEmpty()) {
      return Optional.of(BigInteger.ZERO);
    }
    final int r = radix;
    if (!digits.chars().allMatch(c -> Character.digit(c, r) >= 0 && c < 128)) {
      return Optional.empty();
    }
    return Optional.of(new BigInteger(digits, radix));
  }

  /** The 16 bytes of an IPv6 address (the text between the brackets), or empty when it is not one. */
  static Optional<byte[]> ipv6(String input) {
    int[] address = new int[8];
    int pieceIndex = 0;
    int compress = -1;
    int pointer = 0;
    int length = input.length();
    if (pointer < length && input.charAt(pointer) == ':') {
      if (!input.startsWith("::")) {
        return Optional.empty();
      }
      pointer += 2;
      compress = ++pieceIndex;
    }
    while (pointer < length) {
      if (pieceIndex == 8) {
        return Optional.empty();
      }
      if (input.charAt(pointer) == ':') {
        if (compress != -1) {
          return Optional.empty();
        }
        pointer++;
        compress = ++pieceIndex;
        continue;
      }
      int value = 0;
      int digits = 0;
      while (digits < 4 && pointer < length && Character.digit(input.charAt(pointer), 16) >= 0 && input.charAt(pointer) < 128) {
        value = value * 16 + Character.digit(input.charAt(pointer), 16);
        pointer++;
        digits++;
      }
      if (pointer < length && input.charAt(pointer) == '.') {
        if (digits == 0 || pieceIndex > 6) {
          return Optional.empty();
        }
        pointer -= digits;
        int numbersSeen = 0;
        while (pointer < length) {
          if (numbersSeen > 0) {
            if (input.charAt(pointer) != '.' || numbersSeen == 4) {
              return Optional.empty();
            }
            pointer++;
          }
          if (pointer >= length || !isAsciiDigit(input.charAt(pointer))) {
            return Optional.empty();
          }
          int piece = -1;
          while (pointer < length && isAsciiDigit(input.charAt(pointer))) {
            int number = input.charAt(pointer) - '0';
            if (piece == 0) {
              return Optional.empty();
            }
            piece = piece == -1 ? number : piece * 10 + number;
            if (piece > 255) {
              return Optional.empty();
            }
            pointer++;
          }
          address[pieceIndex] = address[pieceIndex] * 0x100 + piece;
          numbersSeen++;
          if (numbersSeen == 2 || numbersSeen == 4) {
            pieceIndex++;
          }
        }
        if (numbersSeen != 4) {
          return Optional.empty();
        }
        break;
      }
      if (pointer < length && input.charAt(pointer) == ':') {
        pointer++;
        if (pointer >= length) {
          return Optional.empty();
        }
      } else if (pointer < length) {
        return Optional.empty();
      }
      address[pieceIndex++] = value;
    }
    if (compress != -1) {
      int swaps = pieceIndex - compress;
      pieceIndex = 7;
      while (pieceIndex != 0 && swaps > 0) {
        int swapWith = compress + swaps - 1;
        int kept = address[pieceIndex];
        address[pieceIndex] = address[swapWith];
        address[swapWith] = kept;
        pieceIndex--;
        swaps--;
      }
    } else if (pieceIndex != 8) {
      return Optional.empty();
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[2 * i] = (byte) (address[i] >> 8);
      bytes[2 * i + 1] = (byte) address[i];
    }
    return Optional.of(bytes);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
