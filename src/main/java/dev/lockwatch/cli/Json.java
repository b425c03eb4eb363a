package dev.lockwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one JSON writer of the CLI. Besides what JSON must escape (C0 controls, quote, backslash), DEL, the C1 controls
 * (0x9b is CSI for many terminals), line/paragraph separators and bidi overrides are written as {@code \\uXXXX}: the
 * same strings for a parser, but {@code scan --json} or {@code watch --json} printed to a terminal cannot carry an
 * escape sequence from a hostile file name or command line.
 */
final class Json {
    private static final ObjectMapper MAPPER = mapper();
    private static final ObjectMapper PRETTY = mapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setCharacterEscapes(new UnicodeControls());
        return mapper;
    }

    static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Escapes DEL, C1, U+2028/2029 and bidi controls as {@code \\uXXXX}. */
    private static final class UnicodeControls extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        UnicodeControls() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if ((ch >= 0x80 && ch < 0xa0) || ch == 0x2028 || ch == 0x2029 || (ch >= 0x202a && ch <= 0x202e)
                    || (ch >= 0x2066 && ch <= 0x2069)) {
                return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
