//! Fuzz target `slug_heading`: see `congxa_fuzz::checks::slug_heading`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| congxa_fuzz::checks::slug_heading(data));
