//! `.congxa-cache/images/`: encoded variants, one file each, named by a hash
//! of the source bytes, the operation and the encoder settings, with a
//! sidecar holding the hash of the encoded bytes. An entry whose bytes do
//! not match its sidecar (a disk error, a half-copied cache) is made again.
//! Files are written under a temporary name and renamed into place, so two
//! builds sharing the cache never see half an entry (both make the same
//! bytes: the last rename wins).

use std::fs;
use std::path::{Path, PathBuf};

/// The cache directory, at the site root.
pub const CACHE_DIR: &str = ".congxa-cache";

pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(site_root: &Path) -> Cache {
        Cache {
            dir: site_root.join(CACHE_DIR).join("images"),
        }
    }

    fn paths(&self, key: &str, ext: &str) -> (PathBuf, PathBuf) {
        (
            self.dir.join(format!("{key}.{ext}")),
            self.dir.join(format!("{key}.sum")),
        )
    }

    /// The entry for `key`, if present and whole.
    pub fn get(&self, key: &str, ext: &str) -> Option<PathBuf> {
        let (file, sum) = self.paths(key, ext);
        let want = fs::read_to_string(&sum).ok()?;
        let bytes = fs::read(&file).ok()?;
        (blake3::hash(&bytes).to_hex().as_str() == want.trim()).then_some(file)
    }

    /// Store `bytes` as the entry for `key`; returns its path.
    pub fn put(&self, key: &str, ext: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        let (file, sum) = self.paths(key, ext);
        fs::create_dir_all(&self.dir)?;
        write_atomic(&file, bytes)?;
        write_atomic(&sum, blake3::hash(bytes).to_hex().as_bytes())?;
        Ok(file)
    }
}

/// Write `path` through a temporary file in the same directory and a rename.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension(format!(
        "tmp-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// The cache key of one variant: source bytes, operation, encoder settings.
pub fn key(source_hash: &str, operation: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(source_hash.as_bytes());
    h.update(b"\n");
    h.update(operation.as_bytes());
    h.finalize().to_hex()[..40].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_entries_are_misses() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let p = cache.put("k", "webp", b"RIFFdata").unwrap();
        assert_eq!(cache.get("k", "webp"), Some(p.clone()));
        fs::write(&p, b"RIFFdat").unwrap();
        assert_eq!(cache.get("k", "webp"), None);
        assert_eq!(cache.get("other", "webp"), None);
        assert_ne!(key("a", "w=1"), key("a", "w=2"));
    }
}
