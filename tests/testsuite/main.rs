//! congxa's integration tests: one binary, one small fixture site per case.
//! Each case builds a real site in a temp dir and asserts on real output.

mod support;

mod admin;
mod build;
mod civic;
mod cli;
mod editor;
mod errors;
mod exif;
mod feeds;
mod law;
mod photos;
mod photos_html;
mod safety;
mod safety_input;
mod safety_paths;
mod safety_serve;
mod serve;
mod serve_lang;
mod theme;
