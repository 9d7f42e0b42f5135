//! Files of the served site, and copied files served only while they are the
//! very files a build checked.
//!
//! Content assets and theme static files are not held in memory: they are
//! read from disk when requested. Between a build and a request the file may
//! have been replaced, e.g. by a symbolic link to a file outside the site. The
//! rebuild this triggers then fails ("symbolic link points outside the site")
//! and the last good site keeps being served, but that site only names the
//! path. So every copied file carries a [`Stamp`] taken when a successful build
//! committed it: the file's device and inode (Unix), length and modification
//! time, after checking that its real path (`canonicalize`) lies inside the
//! site. A request opens the path, compares the opened file's stamp with the
//! committed one and checks the real path again; anything else (a different
//! file, a changed one, one that leads out of the site) is refused, so only
//! bytes a build checked are ever served.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use axum::body::Bytes;

use crate::theme::FileSource;

/// The body of one output file.
#[derive(Debug, Clone)]
pub enum OutBody {
    /// Rendered in memory.
    Bytes(Bytes),
    /// Copied from a file (content asset or theme static file), read when served.
    File(Copied),
}

impl OutBody {
    /// The bytes (reading the file for copied files, if it is still the one
    /// the build checked: see [`Copied::read`]).
    pub fn read(&self) -> std::io::Result<Bytes> {
        match self {
            OutBody::Bytes(b) => Ok(b.clone()),
            OutBody::File(c) => c.read(),
        }
    }
}

/// Identity of a file on disk: changes when the file is replaced or written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    dev: u64,
    #[cfg(unix)]
    ino: u64,
}

impl Stamp {
    fn of(m: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt as _;
        Stamp {
            len: m.len(),
            modified: m.modified().ok(),
            #[cfg(unix)]
            dev: m.dev(),
            #[cfg(unix)]
            ino: m.ino(),
        }
    }
}

/// A copied file as a successful build committed it.
#[derive(Debug, Clone)]
pub struct Copied {
    pub src: FileSource,
    /// `None`: the file could not be checked (gone, not a regular file, or
    /// outside the site) when committed: never served.
    stamp: Option<Stamp>,
    /// The site root, canonical.
    root: Arc<PathBuf>,
}

/// Why a copied file is not served.
#[derive(Debug, thiserror::Error)]
#[error("the file changed since the last good build, or leads outside the site")]
pub struct Unverified;

impl Copied {
    /// Read the file, if it is still the one the build checked.
    pub fn read(&self) -> std::io::Result<Bytes> {
        let path = match &self.src {
            FileSource::Embedded(b) => return Ok(Bytes::from_static(b)),
            FileSource::Disk(p) => p,
        };
        let stamp = self.stamp.ok_or_else(unverified)?;
        // Look before opening: opening a named pipe put in the file's place
        // would wait for a writer.
        let meta = std::fs::metadata(path)?;
        if !meta.is_file() || Stamp::of(&meta) != stamp {
            return Err(unverified());
        }
        let mut file = open_no_wait(path)?;
        let before = file.metadata()?;
        if !before.is_file() || Stamp::of(&before) != stamp || !inside(&self.root, path) {
            return Err(unverified());
        }
        let mut bytes = Vec::with_capacity(usize::try_from(stamp.len).unwrap_or(0));
        file.by_ref()
            .take(stamp.len.saturating_add(1))
            .read_to_end(&mut bytes)?;
        // Written to while being read: not the checked bytes either.
        if bytes.len() as u64 != stamp.len || Stamp::of(&file.metadata()?) != stamp {
            return Err(unverified());
        }
        Ok(Bytes::from(bytes))
    }

    /// Does this body still hold `src` as it is on disk now (same path, same stamp)?
    fn is_current(&self, src: &FileSource, now: Option<Stamp>) -> bool {
        match (&self.src, src) {
            (FileSource::Disk(a), FileSource::Disk(b)) => {
                a == b && self.stamp.is_some() && self.stamp == now
            }
            (FileSource::Embedded(a), FileSource::Embedded(b)) => std::ptr::eq(*a, *b) || a == b,
            _ => false,
        }
    }
}

/// Open for reading without waiting (a pipe swapped in after the look).
fn open_no_wait(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        o.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    o.open(path)
}

fn unverified() -> std::io::Error {
    std::io::Error::other(Unverified)
}

/// Is `path`'s real location inside the canonical `root`?
fn inside(root: &Path, path: &Path) -> bool {
    path.canonicalize().is_ok_and(|real| real.starts_with(root))
}

/// Stamps copied files for one commit of a build.
pub struct Stamper {
    root: Arc<PathBuf>,
}

impl Stamper {
    pub fn new(root: &Path) -> Stamper {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        Stamper {
            root: Arc::new(root),
        }
    }

    /// The body serving `src` now, or `None` when `old` already serves it
    /// unchanged. A file seen for the first time or changed is checked: a
    /// regular file whose real path is inside the site. Otherwise its body
    /// is kept but never served.
    pub fn refresh(&self, src: &FileSource, old: Option<&OutBody>) -> Option<OutBody> {
        let now = match src {
            FileSource::Disk(p) => std::fs::metadata(p)
                .ok()
                .map(|m| (m.is_file(), Stamp::of(&m))),
            FileSource::Embedded(_) => None,
        };
        if let Some(OutBody::File(c)) = old
            && c.is_current(src, now.map(|(_, s)| s))
        {
            return None;
        }
        let stamp = match (src, now) {
            (FileSource::Disk(p), Some((true, s))) if inside(&self.root, p) => Some(s),
            _ => None,
        };
        Some(OutBody::File(Copied {
            src: src.clone(),
            stamp,
            root: self.root.clone(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, tempfile::TempDir, Stamper) {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("content")).unwrap();
        std::fs::write(site.path().join("content/a.css"), "body{}").unwrap();
        std::fs::write(outside.path().join("secret.txt"), "BÍ MẬT").unwrap();
        let st = Stamper::new(site.path());
        (site, outside, st)
    }

    #[test]
    fn a_checked_file_is_served_until_it_changes() {
        let (site, _outside, st) = setup();
        let p = site.path().join("content/a.css");
        let src = FileSource::Disk(p.clone());
        let body = st.refresh(&src, None).unwrap();
        assert_eq!(&body.read().unwrap()[..], b"body{}");
        // Unchanged: nothing to refresh.
        assert!(st.refresh(&src, Some(&body)).is_none());
        // Rewritten (another length): refused until refreshed.
        std::fs::write(&p, "body{color:red}").unwrap();
        assert!(body.read().is_err());
        let body = st.refresh(&src, Some(&body)).unwrap();
        assert_eq!(&body.read().unwrap()[..], b"body{color:red}");
    }

    #[test]
    fn a_symlink_swapped_in_is_never_followed_out_of_the_site() {
        let (site, outside, st) = setup();
        let p = site.path().join("content/a.css");
        let src = FileSource::Disk(p.clone());
        let body = st.refresh(&src, None).unwrap();
        std::fs::remove_file(&p).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), &p).unwrap();
        #[cfg(not(unix))]
        std::fs::write(&p, "BÍ MẬT").unwrap();
        let e = body.read().unwrap_err();
        assert!(e.get_ref().is_some_and(|e| e.is::<Unverified>()), "{e}");
        // A build committing it anyway (it never does: the walk refuses the
        // link) could not make it servable.
        let again = st.refresh(&src, Some(&body)).unwrap();
        assert!(again.read().is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_swapped_in_is_refused_without_waiting() {
        let (site, _outside, st) = setup();
        let p = site.path().join("content/a.css");
        let body = st.refresh(&FileSource::Disk(p.clone()), None).unwrap();
        std::fs::remove_file(&p).unwrap();
        let made = std::process::Command::new("mkfifo").arg(&p).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here
        }
        assert!(body.read().is_err());
        let again = st.refresh(&FileSource::Disk(p), Some(&body)).unwrap();
        assert!(again.read().is_err());
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_the_site_are_fine_and_directories_are_not_files() {
        let (site, _outside, st) = setup();
        let link = site.path().join("content/b.css");
        std::os::unix::fs::symlink(site.path().join("content/a.css"), &link).unwrap();
        let body = st.refresh(&FileSource::Disk(link), None).unwrap();
        assert_eq!(&body.read().unwrap()[..], b"body{}");
        let dir = st
            .refresh(&FileSource::Disk(site.path().join("content")), None)
            .unwrap();
        assert!(dir.read().is_err());
        let gone = st
            .refresh(&FileSource::Disk(site.path().join("content/x.css")), None)
            .unwrap();
        assert!(gone.read().is_err());
    }
}
