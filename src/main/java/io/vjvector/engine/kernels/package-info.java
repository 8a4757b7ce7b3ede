/**
 * Distance kernels: the inner loops of every index and scan.
 *
 * <p>{@link io.vjvector.engine.kernels.VectorKernels} is the contract;
 * {@link io.vjvector.engine.kernels.ScalarKernels} the readable reference and the GraalVM native
 * path; {@code PanamaVectorKernels} the {@code jdk.incubator.vector} implementation, loaded by name
 * only when usable; {@link io.vjvector.engine.kernels.VectorKernelsProvider} chooses once per
 * {@link io.vjvector.engine.kernels.KernelMode}, logs the choice once, and documents the system
 * properties ({@code vjvector.kernels}, {@code vjvector.kernels.vector-bits},
 * {@code vjvector.kernels.fma}).
 */
package io.vjvector.engine.kernels;
