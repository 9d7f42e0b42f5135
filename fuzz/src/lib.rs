//! congxa's fuzz targets (run with `cargo fuzz run <target>` in `fuzz/`).
//! The properties live in `checks.rs`, which the test suite also compiles to
//! replay the corpora.

#[path = "checks.rs"]
pub mod checks;
