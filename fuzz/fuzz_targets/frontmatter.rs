//! Fuzz target `frontmatter`: see `congxa_fuzz::checks::frontmatter`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| congxa_fuzz::checks::frontmatter(data));
