package io.tongxin.shared;

import java.util.function.IntSupplier;

/** Work done in bounded batches (purges, sweeps): each batch its own short transaction. */
public final class Batches {

    private Batches() {}

    /**
     * Runs {@code batch} (which returns how many rows it handled, at most {@code size}) again as long
     * as it handled a full batch; returns the total.
     */
    public static int untilShort(int size, IntSupplier batch) {
        int total = 0;
        int n;
        do {
            n = batch.getAsInt();
            total += n;
        } while (n >= size);
        return total;
    }
}
