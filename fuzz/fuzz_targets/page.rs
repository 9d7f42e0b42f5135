//! Fuzz target `page`: see `congxa_fuzz::checks::page`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| congxa_fuzz::checks::page(data));
