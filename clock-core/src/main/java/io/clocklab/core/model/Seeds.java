package io.clocklab.core.model;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Seeded randomness: a run's seed plus a machine's name fixes that machine's rolls. */
public final class Seeds {

    private Seeds() {
    }

    public static long forMachine(long runSeed, String machineName) {
        long h = runSeed;
        for (byte b : machineName.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xff));
        }
        return mix(h);
    }

    /** The generator of one machine's rolls in one run. Same inputs, same sequence, on any JVM. */
    public static RandomGenerator rollsFor(long runSeed, String machineName) {
        return new SplittableRandom(forMachine(runSeed, machineName));
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
