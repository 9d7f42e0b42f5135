//! congxa's fuzz targets (run with `cargo fuzz run <target>` in `fuzz/`).
//! The properties live in `checks.rs` and `url_checks.rs`, which the test
//! suite also compiles to replay the corpora.

#[path = "checks.rs"]
pub mod checks;
#[path = "url_checks.rs"]
pub mod url_checks;
