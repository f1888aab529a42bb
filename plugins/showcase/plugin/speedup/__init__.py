"""The speed-up layer: same site, less work. Proven output-neutral by tests/scale's byte-for-byte comparison."""
