//! Watching the site: `notify` with a debouncer over `content/`, `themes/`
//! and `site.yaml`, and the pure classification of file events into
//! [`Changes`]. Hidden and editor temp files, the output directory and
//! anything else in the site root never trigger a rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::{self, EventKind, RecursiveMode, event::AccessKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::incremental::Changes;
use crate::config::CONFIG_FILE;
use crate::load::{CONTENT_DIR, is_ignored_name};

/// Directory of themes in the site root.
pub const THEMES_DIR: &str = "themes";

/// How long a path must stay quiet before its events are passed on. Editors
/// save (temp file, rename) within a millisecond or two; every saved edit
/// waits this long (plus up to one 5 ms tick) before its rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// What one changed path means for the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathChange {
    /// `site.yaml`.
    Config,
    /// A file or directory under `themes/`.
    Theme,
    /// `themes/` itself appeared or went: watch it again.
    ThemesDir,
    /// A file or directory under `content/`.
    Content(PathBuf),
    /// `content/` itself appeared or went: read everything, watch it again.
    ContentDir,
}

/// Classify one path reported by the watcher (`None`: not part of the site's input).
pub fn classify(root: &Path, output: &Path, path: &Path) -> Option<PathChange> {
    if path.starts_with(output) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let first = parts.next()?;
    let rest: Vec<_> = parts.collect();
    if rest.iter().any(|p| is_ignored_name(p)) {
        return None;
    }
    match (first.as_ref(), rest.is_empty()) {
        (CONFIG_FILE, true) => Some(PathChange::Config),
        (CONTENT_DIR, true) => Some(PathChange::ContentDir),
        (CONTENT_DIR, false) => Some(PathChange::Content(path.to_path_buf())),
        (THEMES_DIR, true) => Some(PathChange::ThemesDir),
        (THEMES_DIR, false) => Some(PathChange::Theme),
        _ => None,
    }
}

/// What a batch of watcher events changed, and whether `content/` or `themes/`
/// must be watched again (they were created or replaced).
pub fn changes_from_events<'a>(
    root: &Path,
    output: &Path,
    events: impl IntoIterator<Item = &'a notify::Event>,
) -> (Changes, bool) {
    let mut changes = Changes::default();
    let mut rewatch = false;
    for event in events {
        if event.need_rescan() {
            changes.rescan = true;
            rewatch = true;
            continue;
        }
        // Reading a file (or closing it after reading) changes nothing.
        if matches!(
            event.kind,
            EventKind::Access(AccessKind::Read | AccessKind::Open(_) | AccessKind::Any)
                | EventKind::Access(AccessKind::Close(notify::event::AccessMode::Read))
        ) {
            continue;
        }
        for path in &event.paths {
            match classify(root, output, path) {
                None => {}
                Some(PathChange::Config) => changes.config = true,
                Some(PathChange::Theme) => changes.theme = true,
                Some(PathChange::ThemesDir) => {
                    changes.theme = true;
                    rewatch = true;
                }
                Some(PathChange::Content(p)) => changes.content.push(p),
                Some(PathChange::ContentDir) => {
                    changes.rescan = true;
                    rewatch = true;
                }
            }
        }
    }
    changes.content.sort();
    changes.content.dedup();
    (changes, rewatch)
}

/// The site's watcher; its events arrive on the channel given to [`SiteWatcher::start`].
pub struct SiteWatcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
}

impl SiteWatcher {
    /// Watch `root` (for `site.yaml`, and `content/` or `themes/` appearing),
    /// `content/` and `themes/`.
    pub fn start(
        root: &Path,
        tx: mpsc::Sender<DebounceEventResult>,
    ) -> notify::Result<SiteWatcher> {
        let debouncer = new_debouncer(DEBOUNCE, Some(Duration::from_millis(5)), tx)?;
        let mut w = SiteWatcher {
            debouncer,
            root: root.to_path_buf(),
        };
        w.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        w.rewatch();
        Ok(w)
    }

    /// (Re-)watch `content/` and `themes/` when they exist (after they were created or replaced).
    pub fn rewatch(&mut self) {
        for dir in [CONTENT_DIR, THEMES_DIR] {
            let p = self.root.join(dir);
            let _ = self.debouncer.unwatch(&p);
            if p.is_dir() {
                // A directory that vanished meanwhile is picked up by the next event.
                let _ = self.debouncer.watch(&p, RecursiveMode::Recursive);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind, RemoveKind, RenameMode};

    fn ev(kind: EventKind, paths: &[&str]) -> notify::Event {
        let mut e = notify::Event::new(kind);
        for p in paths {
            e = e.add_path(PathBuf::from(p));
        }
        e
    }

    #[test]
    fn classifies_site_inputs_and_ignores_the_rest() {
        let root = Path::new("/site");
        let out = Path::new("/site/output");
        let c = |p: &str| classify(root, out, Path::new(p));
        assert_eq!(c("/site/site.yaml"), Some(PathChange::Config));
        assert_eq!(c("/site/site.yaml~"), None);
        assert_eq!(c("/site/.site.yaml.swp"), None);
        assert_eq!(
            c("/site/content/tin-tuc/bai.md"),
            Some(PathChange::Content("/site/content/tin-tuc/bai.md".into()))
        );
        assert_eq!(c("/site/content"), Some(PathChange::ContentDir));
        assert_eq!(c("/site/content/tin-tuc/.bai.md.swp"), None);
        assert_eq!(c("/site/content/tin-tuc/bai.md~"), None);
        assert_eq!(c("/site/content/tin-tuc/4913"), None);
        assert_eq!(c("/site/content/tin-tuc/#bai.md#"), None);
        assert_eq!(c("/site/content/.git/index"), None);
        assert_eq!(
            c("/site/themes/default/templates/page.html"),
            Some(PathChange::Theme)
        );
        assert_eq!(c("/site/themes"), Some(PathChange::ThemesDir));
        assert_eq!(c("/site/output/index.html"), None);
        assert_eq!(c("/site/output"), None);
        assert_eq!(c("/site/target/debug/x"), None);
        assert_eq!(c("/site/README.md"), None);
        assert_eq!(c("/elsewhere/content/a.md"), None);
        // An output directory inside content/ (refused by build) still never triggers.
        let inner = Path::new("/site/content/out");
        assert_eq!(
            classify(root, inner, Path::new("/site/content/out/a.html")),
            None
        );
    }

    #[test]
    fn events_become_changes() {
        let root = Path::new("/site");
        let out = Path::new("/site/output");
        let events = [
            ev(EventKind::Create(CreateKind::File), &["/site/content/a.md"]),
            ev(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/site/content/.a.md.tmp", "/site/content/b.md"],
            ),
            ev(EventKind::Remove(RemoveKind::Folder), &["/site/content/cu"]),
            ev(
                EventKind::Access(AccessKind::Close(notify::event::AccessMode::Read)),
                &["/site/site.yaml"],
            ),
            ev(
                EventKind::Modify(ModifyKind::Any),
                &["/site/output/index.html"],
            ),
            ev(EventKind::Create(CreateKind::File), &["/site/content/a.md"]),
        ];
        let (c, rewatch) = changes_from_events(root, out, events.iter());
        assert!(!rewatch && !c.config && !c.theme && !c.rescan);
        assert_eq!(
            c.content,
            vec![
                PathBuf::from("/site/content/a.md"),
                PathBuf::from("/site/content/b.md"),
                PathBuf::from("/site/content/cu"),
            ]
        );
        let (c, _) = changes_from_events(
            root,
            out,
            [&ev(
                EventKind::Access(AccessKind::Close(notify::event::AccessMode::Write)),
                &["/site/site.yaml"],
            )],
        );
        assert!(c.config, "closing a file written to is a change");

        let (c, rewatch) = changes_from_events(
            root,
            out,
            [&ev(
                EventKind::Create(CreateKind::Folder),
                &["/site/content"],
            )],
        );
        assert!(c.rescan && rewatch);
        let (c, rewatch) = changes_from_events(
            root,
            out,
            [&ev(EventKind::Other, &[]).set_flag(notify::event::Flag::Rescan)],
        );
        assert!(c.rescan && rewatch);
        let (c, rewatch) = changes_from_events(
            root,
            out,
            [&ev(
                EventKind::Create(CreateKind::Folder),
                &["/site/themes"],
            )],
        );
        assert!(c.theme && rewatch);
    }
}
