package io.clocklab.core.check;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one binary record for {@link RecordSorter} (a reusable buffer, so no object per record) and
 * reads fields back ({@link Reader}). Keys use fixed-width big-endian numbers, so that their bytes
 * sort as the numbers do; payloads use variable-length numbers.
 */
final class RecordBytes {

    byte[] buf = new byte[256];
    int len;

    void reset() {
        len = 0;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + more, buf.length * 2));
        }
    }

    void put(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    /** Unsigned big-endian: sorts like the number for non-negative values. */
    void putInt(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    /** Big-endian with the sign bit flipped: sorts like the signed number. */
    void putSortableLong(long v) {
        long u = v ^ Long.MIN_VALUE;
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[len++] = (byte) (u >>> shift);
        }
    }

    void putVarLong(long v) {
        long u = (v << 1) ^ (v >> 63); // zigzag: small negatives stay short
        ensure(10);
        while ((u & ~0x7FL) != 0) {
            buf[len++] = (byte) ((u & 0x7F) | 0x80);
            u >>>= 7;
        }
        buf[len++] = (byte) u;
    }

    void putVarInt(int v) {
        putVarLong(v);
    }

    /**
     * A string as its length + 1 (0 for null), 4 bytes big-endian, then its UTF-8 bytes. In a key, strings of
     * different lengths never interleave, so records with the same string stay together.
     *
     * @return a 64-bit hash of what was written
     */
    long putString(String s) {
        int start = len;
        if (s == null) {
            putInt(0);
            return mix(0x9E3779B97F4A7C15L);
        }
        int n = s.length();
        ensure(4 + n);
        len += 4;
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            buf[len++] = (byte) c;
        }
        if (!ascii) {
            len = start + 4;
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buf, len, utf8.length);
            len += utf8.length;
        }
        int bytes = len - start - 4;
        int end = len;
        len = start;
        putInt(bytes + 1);
        len = end;
        return hash(buf, start + 4, bytes);
    }

    /** FNV-1a over the bytes, then a finalising mix. */
    static long hash(byte[] b, int off, int n) {
        long h = 0xcbf29ce484222325L;
        for (int i = off; i < off + n; i++) {
            h ^= b[i] & 0xFF;
            h *= 0x100000001b3L;
        }
        return mix(h ^ n);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** Reads fields from a record in order. Reusable: {@link #at} points it at the next record. */
    static final class Reader {
        byte[] buf;
        int pos;

        Reader at(byte[] buf, int pos) {
            this.buf = buf;
            this.pos = pos;
            return this;
        }

        int get() {
            return buf[pos++] & 0xFF;
        }

        int getInt() {
            int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        long getSortableLong() {
            long u = 0;
            for (int i = 0; i < 8; i++) {
                u = (u << 8) | (buf[pos++] & 0xFF);
            }
            return u ^ Long.MIN_VALUE;
        }

        long getVarLong() {
            long u = 0;
            int shift = 0;
            while (true) {
                int b = buf[pos++];
                u |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
                shift += 7;
            }
            return (u >>> 1) ^ -(u & 1);
        }

        int getVarInt() {
            return (int) getVarLong();
        }

        /** Skips a string written by {@link #putString}, returning its byte length, or -1 for null; its bytes start at {@code pos - length}. */
        int skipString() {
            int n = getInt() - 1;
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        String getString() {
            int n = getInt() - 1;
            if (n < 0) {
                return null;
            }
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }
    }
}
