/**
 * The contract of generated code: frame base classes, the strand, frame kinds, {@code @FrameInfo},
 * and what else the code the Coframe processor writes calls. Public because generated code in the
 * user's packages calls it; not for users, and free to change between releases: the contract is
 * versioned ({@link dev.coframe.runtime.internal.Contract}), and code generated for another version
 * fails with one clear error when it is first used. Users program against {@code dev.coframe.runtime}.
 */
package dev.coframe.runtime.internal;
