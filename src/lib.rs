//! congxa: the static-site generator for a Vietnamese commune's electronic
//! information page.
//!
//! The pipeline is `load → model → render → write`, one module per stage
//! (`load`, `model`, `markdown` + `render`, `write`), driven by `pipeline`.
//! Library code never prints; the binary decides what to show.

#![forbid(unsafe_code)]

pub mod admin;
pub mod audit;
pub mod bug;
pub mod civic;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod discovery;
pub mod feeds;
pub mod frontmatter;
pub mod images;
pub mod jsonld;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod organization;
pub mod paths;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod sitemap;
pub mod templating;
pub mod text;
pub mod theme;
pub mod urls;
pub mod write;
pub mod yaml_guard;

pub use pipeline::{BuildOptions, BuildReport, build, check, render_site};
