package dev.heed.train;

import dev.heed.model.Decoder;
import dev.heed.tensor.DType;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * One optimizer step of next-token cross-entropy on a padded batch: forward, loss over real target
 * tokens, backward, AdamW, zero grads. Build it outside step scopes (it owns the optimizer state); call
 * {@link #step} inside one.
 */
public final class LanguageModelStep implements AutoCloseable {
    private static final long IGNORE = -100;

    private final Decoder model;
    private final TensorVector params;
    private final AdamW optimizer;

    public LanguageModelStep(Decoder model, double lr, double weightDecay) {
        this.model = model;
        this.params = model.weights().parameters();
        AdamWOptions options = new AdamWOptions(lr);
        options.weight_decay().put(weightDecay);
        this.optimizer = new AdamW(params, options);
    }

    /** Trains on ids [B, T] (mask [B, T], 1 = token; null = no padding) and returns the mean loss. */
    public float step(Tensor ids, Tensor mask) {
        long t = ids.size(1);
        Tensor logits = model.forward(ids, mask).narrow(1, 0, t - 1);
        Tensor targets = ids.narrow(1, 1, t - 1);
        if (mask != null) targets = targets.masked_fill(mask.narrow(1, 1, t - 1).eq(new Scalar(0)), new Scalar(IGNORE));
        Tensor loss = torch.cross_entropy_loss(logits.reshape(-1, logits.size(2)).to(DType.F32.scalarType),
                targets.reshape(-1), new TensorOptional(), 1 /* mean */, IGNORE, 0.0);
        loss.backward();
        optimizer.step();
        optimizer.zero_grad(true);
        return loss.item_float();
    }

    @Override
    public void close() {
        optimizer.close();
        params.close();
    }
}
