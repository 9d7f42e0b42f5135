//! Fuzz target `url`: see `congxa_fuzz::url_checks::url`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| congxa_fuzz::url_checks::url(data));
