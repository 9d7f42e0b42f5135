//! `congxa serve`: live preview. Builds the site in memory, serves it over
//! HTTP, watches `content/`, `themes/` and `site.yaml`, rebuilds only what an
//! edit touches and reloads the open browser tabs.

pub mod incremental;
pub mod sources;
