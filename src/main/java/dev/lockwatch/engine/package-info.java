/**
 * The one engine assembly: how the probe, judge, scanner, store and watch service are put together, shared by
 * the window ({@code app}) and every CLI command ({@code cli}) so they cannot drift. May use {@code lock},
 * {@code process}, {@code gateway}, {@code watch} and {@code hold}; never JavaFX, never the CLI or the window.
 */
package dev.lockwatch.engine;
