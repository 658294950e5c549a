package io.clocklab.core.sim;

/**
 * Which VM ticks next: a binary min-heap of VM indices, ordered by due time and then by index, so
 * VMs due at the same virtual instant tick in their fixed order. Primitive arrays, no boxing.
 */
final class TickAgenda {

    private final int[] heap;
    private final long[] due;
    private int size;

    TickAgenda(int vmCount) {
        heap = new int[vmCount];
        due = new long[vmCount];
    }

    void add(int vm, long dueNanos) {
        due[vm] = dueNanos;
        heap[size] = vm;
        siftUp(size++);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int nextVm() {
        return heap[0];
    }

    long nextDue() {
        return due[heap[0]];
    }

    /** The next VM has ticked; its following tick is due at {@code dueNanos}. */
    void reschedule(long dueNanos) {
        due[heap[0]] = dueNanos;
        siftDown(0);
    }

    /** The next VM has ticked for the last time. */
    void removeNext() {
        heap[0] = heap[--size];
        if (size > 0) {
            siftDown(0);
        }
    }

    private boolean before(int a, int b) {
        return due[a] < due[b] || (due[a] == due[b] && a < b);
    }

    private void siftUp(int at) {
        int vm = heap[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(vm, heap[parent])) {
                break;
            }
            heap[at] = heap[parent];
            at = parent;
        }
        heap[at] = vm;
    }

    private void siftDown(int at) {
        int vm = heap[at];
        int half = size >>> 1;
        while (at < half) {
            int child = 2 * at + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], vm)) {
                break;
            }
            heap[at] = heap[child];
            at = child;
        }
        heap[at] = vm;
    }
}
