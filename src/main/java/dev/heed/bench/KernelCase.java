package dev.heed.bench;

/**
 * One op of {@code heed bench kernels}: the fused kernel and its libtorch eager composition on the same
 * fresh random inputs (made by the constructor). Each call runs the forward and, where the op is
 * differentiable, the backward; callers wrap calls in a PointerScope.
 */
interface KernelCase {
    String op();

    /** Restores inputs a previous call consumed (e.g. logits overwritten by an in-place backward); untimed. */
    default void prepare() {}

    void fused();

    void eager();

    /** Max normwise relative error of the fused results (values and gradients) against the eager ones. */
    double maxRelErr();

    /** Bytes of the inputs, which the extra memory excludes. */
    long inputBytes();
}
