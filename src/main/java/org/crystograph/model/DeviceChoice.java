package org.crystograph.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** The {@code --device} option: where the network runs. */
public enum DeviceChoice {
    /** A GPU when the engine sees one, else the CPU. */
    AUTO,
    /** The CPU. */
    CPU,
    /** The first GPU; an error when there is none. */
    GPU;

    /**
     * The DJL device.
     *
     * @throws IllegalStateException for GPU when the engine sees no GPU (e.g. the CPU native library is installed)
     */
    public Device resolve() {
        return switch (this) {
            case CPU -> Device.cpu();
            case GPU -> {
                if (Engine.getInstance().getGpuCount() == 0) {
                    throw new IllegalStateException("no GPU visible to PyTorch (build with -Pcuda on a CUDA machine)");
                }
                yield Device.gpu();
            }
            case AUTO -> Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        };
    }
}
