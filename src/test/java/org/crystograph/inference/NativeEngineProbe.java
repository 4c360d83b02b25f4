package org.crystograph.inference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.LibUtils;

/**
 * Child-process probe for the container image layout: loads the PyTorch engine the way the image configures it
 * (environment only), runs one matrix product and prints {@code libtorch=<dir>} and {@code trace=<value>}. Run by
 * {@code ContainerImagePackagingIT}; not part of the application.
 */
public final class NativeEngineProbe {

    private NativeEngineProbe() {
    }

    /** Loads the engine, multiplies a 2x2 matrix by itself and prints the trace of the product. */
    public static void main(String[] args) {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1f, 2f, 3f, 4f}, new ai.djl.ndarray.types.Shape(2, 2));
            NDArray product = a.matMul(a);
            float trace = product.getFloat(0, 0) + product.getFloat(1, 1);
            System.out.println("engine=" + engine.getEngineName() + " " + engine.getVersion());
            System.out.println("libtorch=" + LibUtils.getLibtorchPath());
            System.out.println("trace=" + trace);
        }
    }
}
