package io.clocklab.core.check;

import io.clocklab.core.run.AnalysisLimits;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sorts byte records in bounded memory: an external merge sort. A record is a 64-bit hash and a byte
 * string whose first {@code keyLength} bytes are its key; records are ordered by hash, then by their
 * keys' bytes (unsigned, lexicographic), and the caller makes the key unique. At most
 * {@code maxRecords} records (and {@link #BYTES_PER_RECORD} bytes per record on average) are held in
 * memory; each full chunk is sorted and spilled to a file in a temporary folder under
 * {@code tempRoot}, and the files are merged, {@link #FAN_IN} at a time. While everything fits in one
 * chunk nothing touches the disk. {@link #close()} deletes the folder, also after a failure.
 * <p>
 * Use: {@link #add} every record, then {@link #open()} the sorted sequence, as often as needed.
 */
final class RecordSorter implements AutoCloseable {

    /** The average record size a chunk is budgeted for; longer records make a chunk hold fewer. */
    static final int BYTES_PER_RECORD = 64;
    /** Spilled files merged at once: each open file has a {@link #BUFFER} buffer. */
    static final int FAN_IN = 32;
    private static final int BUFFER = 32 * 1024;
    private static final int BLOCK = 1 << 20;

    private final int maxRecords;
    private final long maxBytes;
    private final Path tempRoot;
    private Path dir;
    private int files;
    private final List<Path> runs = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    // the chunk in memory: record i is len[i] bytes at addr[i] (block << 32 | offset)
    private final List<byte[]> blocks = new ArrayList<>();
    private int block = -1;
    private int blockPos;
    private long bytes;
    private long[] hash = new long[0];
    private long[] addr = new long[0];
    private int[] len = new int[0];
    private int[] keyLen = new int[0];
    private int count;
    private int[] order;
    private boolean finished;
    private long total;
    private boolean closed;

    RecordSorter(int maxRecords, Path tempRoot) {
        this.maxRecords = maxRecords;
        this.maxBytes = (long) maxRecords * BYTES_PER_RECORD;
        this.tempRoot = tempRoot;
    }

    /** Records added so far. */
    long size() {
        return total;
    }

    /** True once a chunk went to disk. */
    boolean spilled() {
        return !runs.isEmpty();
    }

    /** Adds the first {@code length} bytes of {@code record}, its key being the first {@code keyLength} of them. */
    void add(long recordHash, byte[] record, int keyLength, int length) {
        if (finished) {
            throw new IllegalStateException("records added after the sort");
        }
        if (count == maxRecords || (count > 0 && bytes + length > maxBytes)) {
            spill();
        }
        if (count == hash.length) {
            int capacity = (int) Math.min(maxRecords, Math.max(1024L, hash.length * 2L));
            hash = Arrays.copyOf(hash, capacity);
            addr = Arrays.copyOf(addr, capacity);
            len = Arrays.copyOf(len, capacity);
            keyLen = Arrays.copyOf(keyLen, capacity);
        }
        hash[count] = recordHash;
        addr[count] = place(record, length);
        len[count] = length;
        keyLen[count] = keyLength;
        count++;
        total++;
        bytes += length;
    }

    private long place(byte[] record, int length) {
        if (block < 0 || blockPos + length > blocks.get(block).length) {
            block++;
            if (length > BLOCK) {
                blocks.add(block, new byte[length]); // an outsized record gets a block of its own
            } else if (block == blocks.size() || blocks.get(block).length != BLOCK) {
                blocks.add(block, new byte[BLOCK]);
            }
            blockPos = 0;
        }
        System.arraycopy(record, 0, blocks.get(block), blockPos, length);
        long at = ((long) block << 32) | blockPos;
        blockPos += length;
        return at;
    }

    private byte[] blockOf(int i) {
        return blocks.get((int) (addr[i] >>> 32));
    }

    private int offsetOf(int i) {
        return (int) addr[i];
    }

    private int compare(int a, int b) {
        int c = Long.compare(hash[a], hash[b]);
        if (c != 0) {
            return c;
        }
        int ao = offsetOf(a);
        int bo = offsetOf(b);
        return Arrays.compareUnsigned(blockOf(a), ao, ao + keyLen[a], blockOf(b), bo, bo + keyLen[b]);
    }

    private void sortChunk() {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = i;
        }
        mergeSort(indices, new int[count], 0, count);
        order = indices;
    }

    private void mergeSort(int[] a, int[] tmp, int from, int to) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= from && compare(a[j], x) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid);
        mergeSort(a, tmp, mid, to);
        if (compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && compare(tmp[i], tmp[j]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    private void spill() {
        sortChunk();
        Path file = newFile();
        try (DataOutputStream out = output(file)) {
            for (int k = 0; k < count; k++) {
                int i = order[k];
                write(out, hash[i], blockOf(i), offsetOf(i), keyLen[i], len[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill sorted records to " + file + ": " + e.getMessage(), e);
        }
        runs.add(file);
        count = 0;
        bytes = 0;
        order = null;
        block = -1;
        blocks.removeIf(b -> b.length != BLOCK); // outsized blocks are not reused
    }

    private static void write(DataOutputStream out, long h, byte[] buf, int off, int keyLength, int length) throws IOException {
        out.writeLong(h);
        out.writeInt(keyLength);
        out.writeInt(length);
        out.write(buf, off, length);
    }

    private Path newFile() {
        try {
            if (dir == null) {
                Files.createDirectories(tempRoot);
                dir = Files.createTempDirectory(tempRoot, AnalysisLimits.SPILL_PREFIX);
            }
            return dir.resolve("run-" + files++);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for sorting under " + tempRoot + ": " + e.getMessage(), e);
        }
    }

    private static DataOutputStream output(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER));
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (runs.isEmpty()) {
            sortChunk();
            return;
        }
        if (count > 0) {
            spill();
        }
        blocks.clear();
        hash = new long[0];
        addr = new long[0];
        len = new int[0];
        keyLen = new int[0];
        while (runs.size() > FAN_IN) {
            List<Path> some = new ArrayList<>(runs.subList(0, FAN_IN));
            Path merged = newFile();
            try (Merge merge = new Merge(some); DataOutputStream out = output(merged)) {
                while (merge.next()) {
                    write(out, merge.hash(), merge.buf(), merge.off(), merge.keyLen(), merge.len());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot merge sorted records into " + merged + ": " + e.getMessage(), e);
            }
            for (Path done : some) {
                delete(done);
            }
            runs.subList(0, FAN_IN).clear();
            runs.add(merged);
        }
    }

    /** The records in order. Close it when done; it may be opened again. */
    Records open() {
        if (closed) {
            throw new IllegalStateException("sorter closed");
        }
        finish();
        if (runs.isEmpty()) {
            return new InMemory();
        }
        try {
            Merge merge = new Merge(runs);
            open.add(merge);
            return merge;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sorted records: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort; the files go below
            }
        }
        open.clear();
        blocks.clear();
        if (dir != null) {
            try (var listing = Files.list(dir)) {
                listing.forEach(RecordSorter::delete);
            } catch (IOException e) {
                // delete what can be deleted
            }
            delete(dir);
            dir = null;
        }
        runs.clear();
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover temp file is not worth failing a verdict for
        }
    }

    /** A sorted sequence of records: {@link #next()} moves to the next one, whose bytes are then readable. */
    interface Records extends AutoCloseable {

        boolean next();

        long hash();

        /** The current record is {@link #len()} bytes of this array from {@link #off()}; valid until the next call. */
        byte[] buf();

        int off();

        int keyLen();

        int len();

        @Override
        void close();
    }

    private final class InMemory implements Records {
        private int k = -1;
        private int i;

        @Override
        public boolean next() {
            if (k + 1 >= count) {
                k = count;
                return false;
            }
            i = order[++k];
            return true;
        }

        @Override
        public long hash() {
            return hash[i];
        }

        @Override
        public byte[] buf() {
            return blockOf(i);
        }

        @Override
        public int off() {
            return offsetOf(i);
        }

        @Override
        public int keyLen() {
            return keyLen[i];
        }

        @Override
        public int len() {
            return len[i];
        }

        @Override
        public void close() {
        }
    }

    /** A k-way merge of sorted files, smallest record first (a binary heap of the files' current records). */
    private static final class Merge implements Records {
        private final Run[] heap;
        private int size;
        private boolean started;
        private Run current;

        Merge(List<Path> files) throws IOException {
            heap = new Run[files.size()];
            try {
                for (Path file : files) {
                    heap[size++] = new Run(file);
                }
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        @Override
        public boolean next() {
            try {
                if (!started) {
                    started = true;
                    int live = 0;
                    for (int k = 0; k < size; k++) {
                        if (heap[k].read()) {
                            heap[live++] = heap[k];
                        } else {
                            heap[k].close();
                        }
                    }
                    size = live;
                    for (int k = size / 2 - 1; k >= 0; k--) {
                        down(k);
                    }
                } else if (current != null) {
                    if (current.read()) {
                        down(0);
                    } else {
                        current.close();
                        heap[0] = heap[--size];
                        heap[size] = null;
                        if (size > 0) {
                            down(0);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sorted records: " + e.getMessage(), e);
            }
            current = size > 0 ? heap[0] : null;
            return current != null;
        }

        private void down(int k) {
            Run moving = heap[k];
            while (true) {
                int child = 2 * k + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && heap[child + 1].compareTo(heap[child]) < 0) {
                    child++;
                }
                if (heap[child].compareTo(moving) >= 0) {
                    break;
                }
                heap[k] = heap[child];
                k = child;
            }
            heap[k] = moving;
        }

        @Override
        public long hash() {
            return current.hash;
        }

        @Override
        public byte[] buf() {
            return current.buf;
        }

        @Override
        public int off() {
            return 0;
        }

        @Override
        public int keyLen() {
            return current.keyLen;
        }

        @Override
        public int len() {
            return current.len;
        }

        @Override
        public void close() {
            for (Run run : heap) {
                if (run != null) {
                    run.close();
                }
            }
        }
    }

    private static final class Run implements Comparable<Run> {
        private final Path file;
        private final DataInputStream in;
        long hash;
        int keyLen;
        int len;
        byte[] buf = new byte[256];

        Run(Path file) throws IOException {
            this.file = file;
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
        }

        boolean read() throws IOException {
            try {
                hash = in.readLong();
            } catch (EOFException end) {
                return false;
            }
            keyLen = in.readInt();
            len = in.readInt();
            if (len < keyLen || keyLen < 0) {
                throw new IOException(file + ": damaged record");
            }
            if (buf.length < len) {
                buf = new byte[Math.max(len, buf.length * 2)];
            }
            in.readFully(buf, 0, len);
            return true;
        }

        @Override
        public int compareTo(Run other) {
            int c = Long.compare(hash, other.hash);
            return c != 0 ? c : Arrays.compareUnsigned(buf, 0, keyLen, other.buf, 0, other.keyLen);
        }

        void close() {
            try {
                in.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
