package dev.heed.kernels;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CPU-side half of the GPU work: with nvcc installed the build compiles cuda-kernels/ into the jar
 * (compile only, no GPU needed), and the self-contained GPU check (bench/gpu) is well-formed and agrees
 * with the C ABI.
 */
class CudaBuildTest {

    @Test
    void cudaKernelsAreBuiltWhenNvccIsPresent() {
        assumeTrue(nvccPresent(), "nvcc is not installed: the CUDA kernels are not built, by design");
        assertTrue(CudaLibrary.built(), "nvcc is installed but cuda-kernels/ was not built into " + CudaLibrary.RESOURCE);
    }

    @Test
    void cudaLibraryLoadsOrNamesWhatIsMissing() {
        assumeTrue(CudaLibrary.built(), "CUDA kernels not built");
        try {
            CudaLibrary.require();
            assertEquals(1, NativeKernels.heed_gpu_loaded());
            assertTrue(NativeKernels.heed_gpu_policy_loss_workspace(3) > 0);
        } catch (IllegalStateException e) {
            // A host without the CUDA runtime can build (nvcc) but not load: that must say so, not crash.
            assertTrue(e.getMessage().contains("libcudart"), e.getMessage());
        }
    }

    @Test
    void gpuCheckScriptsParse() throws Exception {
        assertEquals(0, run("bash", "-n", "bench/gpu/check.sh").exit, "check.sh syntax");
        assumeTrue(onPath("python3"), "python3 is not installed");
        for (String file : new String[] {"bench/gpu/harness.py", "bench/gpu/heed_cuda.py"}) {
            Result r = run("python3", "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])", file);
            assertEquals(0, r.exit, file + ": " + r.output);
        }
    }

    /** The harness's ctypes binding types every heed_cuda_* function of the header, and the built library has them. */
    @Test
    void gpuBindingMatchesHeaderAndLibrary() throws Exception {
        assumeTrue(CudaLibrary.built() && onPath("python3"), "needs the built CUDA kernels and python3");
        File lib = new File(NativeKernels.class.getResource(CudaLibrary.RESOURCE).toURI());
        Result r = run("python3", "bench/gpu/heed_cuda.py", lib.getPath(), "native/heed_kernels.h");
        if (r.output.contains("libcudart")) assumeTrue(false, "CUDA runtime not installed: " + r.output);
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.startsWith("ok: 9 functions"), r.output);
        String harness = Files.readString(Path.of("bench/gpu/harness.py"));
        for (String fn : Files.readString(Path.of("native/heed_kernels.h")).split("\\bheed_cuda_")) {
            String name = fn.split("\\(", 2)[0];
            if (name.matches("\\w+") && !name.equals("policy_loss_workspace"))
                assertTrue(harness.contains("heed_cuda_" + name + "("), "the GPU harness never calls heed_cuda_" + name);
        }
    }

    private static boolean nvccPresent() {
        String forced = System.getenv("HEED_NVCC");
        if ("skip".equals(forced)) return false;
        if (forced != null) return new File(forced).canExecute();
        String cudaHome = System.getenv().getOrDefault("CUDA_HOME", "/usr/local/cuda");
        return onPath("nvcc") || new File(cudaHome, "bin/nvcc").canExecute() || new File("/usr/local/cuda/bin/nvcc").canExecute();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (!dir.isEmpty() && new File(dir, tool).canExecute()) return true;
        return false;
    }

    private record Result(int exit, String output) {}

    private static Result run(String... command) throws IOException, InterruptedException, URISyntaxException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " timed out");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
