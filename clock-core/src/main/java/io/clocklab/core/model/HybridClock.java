package io.clocklab.core.model;

/**
 * Hybrid logical clock rules (Kulkarni, Demirbas et al., "Logical Physical Clocks", OPODIS 2014,
 * figure 5), and the only place they are written down. {@code pt} is the machine's own physical
 * time in milliseconds, as it reads it (skew included). Written by one thread (the ticker).
 * <pre>
 * local or send:  l' = l;  l = max(l', pt);          c = (l == l') ? c + 1 : 0
 * receive (m):    l' = l;  l = max(l', m.l, pt);     c = l == l' == m.l ? max(c, m.c) + 1
 *                                                      : l == l'        ? c + 1
 *                                                      : l == m.l       ? m.c + 1
 *                                                      : 0
 * </pre>
 */
public final class HybridClock {

    private volatile Hlc value;

    /** @param from where a restarted machine left off; {@link Hlc#ZERO} at the start */
    public HybridClock(Hlc from) {
        value = from;
    }

    /** A local event or a send at physical time {@code pt}. */
    public Hlc tick(long pt) {
        Hlc before = value;
        long l = Math.max(before.l(), pt);
        return value = new Hlc(l, l == before.l() ? before.c() + 1 : 0);
    }

    /** A receive at physical time {@code pt} of a message that carried {@code message}. */
    public Hlc receive(long pt, Hlc message) {
        Hlc before = value;
        long l = Math.max(Math.max(before.l(), message.l()), pt);
        long c;
        if (l == before.l() && l == message.l()) {
            c = Math.max(before.c(), message.c()) + 1;
        } else if (l == before.l()) {
            c = before.c() + 1;
        } else if (l == message.l()) {
            c = message.c() + 1;
        } else {
            c = 0;
        }
        return value = new Hlc(l, c);
    }

    public Hlc value() {
        return value;
    }
}
