//! Fuzz target `fold`: see `congxa_fuzz::checks::fold_text`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| congxa_fuzz::checks::fold_text(data));
