//! Fuzz target `paths`: see `congxa_fuzz::checks::paths`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| congxa_fuzz::checks::paths(data));
