package dev.heed.kernels;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;

/**
 * The optional CUDA kernels: {@code libheedcuda.so}, built from {@code cuda-kernels/} by nvcc into the jar
 * next to the JNI library (or named by {@code HEED_CUDA_LIB}), opened on the first CUDA call.
 */
public final class CudaLibrary {
    static final String RESOURCE = "linux-x86_64/libheedcuda.so";
    private static volatile String failure;
    private static volatile boolean loaded;

    private CudaLibrary() {}

    /** Whether the CUDA kernels were built (does not load them). */
    public static boolean built() {
        return System.getenv("HEED_CUDA_LIB") != null || NativeKernels.class.getResource(RESOURCE) != null;
    }

    /** Loads the CUDA kernels or throws IllegalStateException saying why they cannot be used. */
    static synchronized void require() {
        if (loaded) return;
        if (failure == null) failure = open();
        if (failure != null) throw new IllegalStateException("CUDA kernels unavailable: " + failure);
        loaded = true;
    }

    private static String open() {
        String path = System.getenv("HEED_CUDA_LIB");
        try {
            if (path == null) {
                URL url = NativeKernels.class.getResource(RESOURCE);
                if (url == null) return "libheedcuda.so was not built (nvcc was not found when the project was built)";
                File file = url.getProtocol().equals("file") ? new File(url.toURI())
                        : Loader.cacheResource(NativeKernels.class, RESOURCE);
                path = file.getAbsolutePath();
            }
            Loader.load(NativeKernels.class);
            BytePointer error = NativeKernels.heed_gpu_open(path);
            return error == null || error.isNull() ? null : error.getString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /**
     * The current CUDA stream as a raw cudaStream_t. Reflection keeps this class free of the
     * {@code org.bytedeco:cuda} types, which only the {@code gpu} Maven profile puts on the class path.
     */
    static Pointer currentStream(long deviceIndex) {
        try {
            Class<?> cudaGlobal = Class.forName("org.bytedeco.pytorch.global.torch_cuda");
            Object stream = cudaGlobal.getMethod("getCurrentCUDAStream", byte.class).invoke(null, (byte) deviceIndex);
            Method raw = stream.getClass().getMethod("stream");
            return (Pointer) raw.invoke(stream);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot get the current CUDA stream (build with -Pgpu): " + e, e);
        }
    }
}
