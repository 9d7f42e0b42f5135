//! Photo problems at the front matter that references them (`image:`,
//! `gallery:`); the Markdown stage reports its own images at their lines.

use crate::diagnostics::{Diagnostic, yaml_item_position, yaml_key_position};
use crate::model::{Page, Site};

use super::PhotoError;
use super::refs::{page_dir, page_photo_rel, photo_rel};

/// The problem `e` of photo `path`, as a diagnostic at `(line, col)` of `p`.
pub fn at(p: &Page, (line, col): (usize, usize), path: &str, e: &PhotoError) -> Diagnostic {
    Diagnostic::new(
        &p.doc.shown,
        line,
        col,
        crate::msg!("photo-problem", path = path, problem = e.message.clone()),
    )
    .with_source(&p.doc.text)
    .with_hint(e.hint.clone())
}

/// Every front-matter photo problem of the site's pages.
pub fn front_matter_problems(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in &site.pages {
        let key_at = |key: &str| {
            yaml_key_position(p.doc.yaml(), key)
                .map(|(l, c)| (l + 1, c))
                .unwrap_or((1, 1))
        };
        if let Some(img) = &p.image
            && let Some(rel) = page_photo_rel(site, p, img)
            && let Some(Err(e)) = site.photos.get(&rel)
        {
            out.push(at(p, key_at("image"), img, e));
        }
        let dir = page_dir(p);
        for g in &p.gallery {
            let pos = yaml_item_position(p.doc.yaml(), "gallery", &g.file)
                .map(|(l, c)| (l + 1, c))
                .unwrap_or((1, 1));
            match photo_rel(site, dir, &g.file).and_then(|rel| site.photos.get(&rel)) {
                Some(Ok(_)) => {}
                Some(Err(e)) => out.push(at(p, pos, &g.file, e)),
                None => out.push(
                    Diagnostic::new(
                        &p.doc.shown,
                        pos.0,
                        pos.1,
                        crate::msg!("gallery-photo-missing", file = &g.file),
                    )
                    .with_source(&p.doc.text)
                    .with_hint(crate::msg!("gallery-photo-missing-hint")),
                ),
            }
        }
    }
    out
}
